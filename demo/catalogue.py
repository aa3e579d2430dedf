"""
What the seed feed does not say: how its posts form series, and how they are filed.

A post belongs to a series when its slug starts with the series' prefix followed by
its two-digit part number, e.g. "fastapi-auth-03-jwt-tokens" is part 3.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoSeries:
    slug: str
    slug_prefix: str
    title: str
    description: str
    category: str
    tags: list
    status: str = "complete"
    labels: dict = field(default_factory=dict)
    # The reading time the seed's series page gives for all its parts, where known:
    # the feed carries summaries only, so counting the demo's bodies says "1 min".
    total_minutes: int | None = None


SERIES = [
    DemoSeries(
        slug="clean-code-python",
        slug_prefix="clean-code-python",
        title="Clean Code Python",
        description="From git init to production traffic: structure, typing, "
        "repositories, services, async, testing and the multi-tenant platform "
        "concerns of a full-stack Python service, one decision at a time.",
        category="Architecture",
        tags=["Python", "Architecture", "FastAPI"],
    ),
    DemoSeries(
        slug="from-chat-to-agent",
        slug_prefix="chat-to-agent",
        title="From Chat to Agent",
        description="The ladder from a plain chat model to a production agent: system "
        "prompts, retrieval, tool use, the agent loop, memory and multi-agent "
        "platforms.",
        category="AI",
        tags=["AI", "Agents", "LLM"],
        labels={9: "Bonus"},
        # The seed's series page says "Series in progress" and "9 parts, 1h 32m
        # total".
        status="in_progress",
        total_minutes=92,
    ),
    DemoSeries(
        slug="ai-harness",
        slug_prefix="ai-harness",
        title="AI Harness",
        description="Everything that lives between you and the model: tools, "
        "permissions, context engineering, orchestration, skills, background tasks "
        "and the cost of running it all.",
        category="AI",
        tags=["AI", "Agents", "Architecture"],
    ),
    DemoSeries(
        slug="fastapi-auth",
        slug_prefix="fastapi-auth",
        title="FastAPI Auth",
        description="Authentication and authorization for FastAPI services, from the "
        "security mental model through passwords, API keys, JWT, OAuth 2.0 and "
        "OpenID Connect to choosing the right approach.",
        category="Security",
        tags=["Python", "FastAPI", "Security"],
    ),
    DemoSeries(
        slug="ai-skills-in-practice",
        slug_prefix="ai-skills",
        title="AI Skills in Practice",
        description="Why prompting is not enough: what AI skills are, how to build, "
        "compose and pattern them for real workflows.",
        category="AI",
        tags=["AI", "Skills", "Workflows"],
    ),
    DemoSeries(
        slug="astro-deep-dive",
        slug_prefix="astro-deep-dive",
        title="Astro Deep Dive",
        description="Building a production-ready Astro 5 site: scaffolding, the "
        "island architecture, content collections and a deployment that scores "
        "100 on Lighthouse.",
        category="Web",
        tags=["Astro", "Web", "Performance"],
    ),
]

# Posts that stand alone, with how they are filed.
STANDALONE = {
    "hello-world": ("Meta", ["Blogcraft", "Markdown"]),
    "hashing-deep-dive": ("Security", ["Security", "Cryptography"]),
    "build-time-mermaid-diagrams": ("Web", ["Astro", "Mermaid", "Performance"]),
}
