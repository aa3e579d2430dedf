"""
docs/architecture.md, checked: which way the apps import each other, what blogcraft's
shared modules read of them, how posts' templates reach series, where the page cache
is applied and where it is invalidated.

Read from the source (ast over the project's modules, the templates' text), so a new
import or lookup that breaks the documented direction fails here, not in a review.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(settings.BASE_DIR)
APPS = ["blogcraft", "posts", "series", "demo", "markdown_files", "tooling"]
# What each app's code (tests and migrations aside) must never import.
FORBIDDEN = {
    "posts": {"series", "demo", "markdown_files", "tooling"},
    "series": {"demo", "markdown_files", "tooling"},
    "demo": {"markdown_files", "tooling"},
    "markdown_files": {"demo", "tooling"},
    "blogcraft": {"demo", "markdown_files", "tooling"},
}
# The site-wide modules of blogcraft that the apps use; the rest of blogcraft
# (settings, URLs, views, the admin site) sits above them and is never imported.
SITE_WIDE = {
    "blogcraft.page_cache",
    "blogcraft.stored_pages",
    "blogcraft.compression",
    "blogcraft.content_security",
    "blogcraft.site",
    "blogcraft.reports",
    "blogcraft.progress",
    "blogcraft.templatetags",
}
# What blogcraft's shared modules may read of the apps below them: the page cache
# counts the published posts; the page's policy names a body's inline style hashes.
SHARED_READS = {"posts.models", "posts.rendering.csp"}


def shared(name):
    return any(name == module or name.startswith(f"{module}.") for module in SITE_WIDE)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def product_modules():
    """Each app's modules but its tests and migrations: {name: path}."""
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).parts
            if "tests" in relative or "migrations" in relative:
                continue
            modules[module_name(path)] = path
    return modules


def imports_of(name, path):
    """Return the absolute names of the modules a module imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


IMPORTS = {name: imports_of(name, path) for name, path in product_modules().items()}


def top(module):
    return module.split(".")[0]


def test_the_apps_import_each_other_one_way_only():
    wrong = sorted(
        (name, imported)
        for name, imported_names in IMPORTS.items()
        for imported in imported_names
        if top(imported) in FORBIDDEN.get(top(name), set())
    )
    assert wrong == []


def test_the_apps_use_only_the_site_wide_modules_of_blogcraft():
    wrong = sorted(
        (name, imported)
        for name, imported_names in IMPORTS.items()
        if top(name) in {"posts", "series", "demo", "markdown_files"}
        for imported in imported_names
        if top(imported) == "blogcraft" and not shared(imported)
    )
    assert wrong == []


def test_the_shared_modules_of_blogcraft_read_only_what_they_name_of_the_apps():
    read = {
        (name, imported)
        for name, imported_names in IMPORTS.items()
        if shared(name)
        for imported in imported_names
        if top(imported) in set(APPS) - {"blogcraft"}
    }
    # ImportFrom also yields "module.name"; what counts is the module it comes from.
    wrong = sorted(
        (name, imported)
        for name, imported in read
        if imported not in SHARED_READS
        and imported.rpartition(".")[0] not in SHARED_READS
    )
    assert wrong == []
    assert {imported for _, imported in read} >= SHARED_READS


def test_rendering_imports_no_models():
    wrong = sorted(
        (name, imported)
        for name, imported_names in IMPORTS.items()
        if name.startswith("posts.rendering")
        for imported in imported_names
        if imported.split(".")[-1] == "models" or ".models." in imported
    )
    assert wrong == []


def test_the_apps_never_import_the_tooling():
    importers = sorted(
        name
        for name, imported_names in IMPORTS.items()
        if top(name) != "tooling" and any(top(m) == "tooling" for m in imported_names)
    )
    assert importers == []


def test_the_graph_reader_sees_imports_relative_and_absolute():
    # The checks above would pass on a reader that finds nothing.
    assert "posts.models" in IMPORTS["posts.views"]
    assert "posts.models" in IMPORTS["series.models"]
    assert "series.models" in IMPORTS["demo.loader"]
    assert (
        "blogcraft.page_cache"
        in IMPORTS["blogcraft.stored_pages"]
        | IMPORTS["blogcraft.page_cache_invalidation"]
    )


TEMPLATES = ROOT / "templates"
INCLUDE = re.compile(r"""{%\s*include\s+["']([^"']+)["']""")
TAG_OR_VARIABLE = re.compile(r"{%(.*?)%}|{{(.*?)}}", re.S)
QUOTED = re.compile(r"""(["']).*?\1""")
PATH = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")
WITH_BINDING = re.compile(r"(\w+)=([\w.]+)")
FOR_LOOP = re.compile(r"^\s*for\s+(\w+)\s+in\s+([\w.]+)")


def posts_templates():
    """posts' templates and every template they include, as names."""
    names = [
        str(path.relative_to(TEMPLATES)) for path in (TEMPLATES / "posts").glob("*")
    ]
    seen = set()
    while names:
        name = names.pop()
        if name not in seen:
            seen.add(name)
            names.extend(INCLUDE.findall((TEMPLATES / name).read_text()))
    return sorted(seen)


def lookups_in(text):
    """Return the variable paths a template reads, with the names its {% with %}
    and {% for %} bind replaced by what they are bound to."""
    bindings, paths = {}, []
    for tag, variable in TAG_OR_VARIABLE.findall(text):
        code = QUOTED.sub("", tag or variable)
        if tag:
            bindings.update(WITH_BINDING.findall(code))
            if loop := FOR_LOOP.match(code):
                bindings[loop[1]] = loop[2]
        # A filter's name and arguments follow "|"; a filter's name is no lookup.
        for part in code.split("|")[:1] if variable else [code]:
            paths.extend(PATH.findall(part))

    def resolve(path, depth=0):
        root, _, rest = path.partition(".")
        if root in bindings and bindings[root] != path and depth < 10:
            bound = resolve(bindings[root], depth + 1)
            return f"{bound}.{rest}" if rest else bound
        return path

    return {resolve(path) for path in paths}


def reaches_series_outside_the_relation(path):
    """Whether a lookup reads series other than through the documented relation:
    a post's series_part, or the series_order its view builds from it."""
    segments = path.split(".")
    for index, segment in enumerate(segments):
        if "series" in segment:
            return not (
                segment == "series_part"
                and index > 0
                or (segment, index) == ("series_order", 0)
            )
    return False


def test_posts_templates_reach_series_only_through_the_post_series_part():
    names = posts_templates()
    assert {"includes/post_card.html", "includes/series_box.html"} <= set(names)
    wrong = sorted(
        (name, path)
        for name in names
        for path in lookups_in((TEMPLATES / name).read_text())
        if reaches_series_outside_the_relation(path)
    )
    assert wrong == []


def test_the_template_reader_follows_bindings():
    text = (
        "{% with part=post.series_part %}{{ part.series.title }}{% endwith %}"
        "{% for other in series_order %}{{ other.post.title|default:'x' }}{% endfor %}"
        "{{ tag.series.title }}"
    )
    lookups = lookups_in(text)
    assert "post.series_part.series.title" in lookups
    assert "series_order.post.title" in lookups
    assert [p for p in lookups if reaches_series_outside_the_relation(p)] == [
        "tag.series.title"
    ]


# posts on its own: the site's settings without series and the apps above it.
POSTS_ALONE = """
import sys

import django
from django.conf import settings

from blogcraft import settings as site

LEFT_OUT = {"series", "demo", "markdown_files", "tooling"}
LEFT_OUT.add("blogcraft.apps.BlogcraftConfig")
values = {name: getattr(site, name) for name in dir(site) if name.isupper()}
values["INSTALLED_APPS"] = [
    "django.contrib.admin" if app == "blogcraft.apps.BlogcraftAdminConfig" else app
    for app in site.INSTALLED_APPS
    if app not in LEFT_OUT
]
settings.configure(**values)
django.setup()

from django.contrib import admin
from posts.models import Post

assert admin.site._registry[Post].check() == [], admin.site._registry[Post].check()
for queryset in [Post.objects.for_list(), Post.objects.published().as_cards()]:
    str(queryset.query)
loaded = {m.split(".")[0] for m in sys.modules} & {"series", "demo", "markdown_files"}
assert not loaded, loaded
print("posts stands alone")
"""


def test_posts_works_without_the_series_app():
    result = subprocess.run(
        [sys.executable, "-c", POSTS_ALONE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "posts stands alone"


def callbacks(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from callbacks(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name, pattern.callback


# Public pages the page cache does not keep: search results (one per query), review
# links (a draft, for one reader), robots.txt and the favicon's redirect (no content).
NOT_CACHED = {"search", "review", "robots", None}


def test_the_page_cache_is_applied_in_the_urlconf_and_nowhere_else():
    public_views = {
        "posts.views",
        "series.views",
        "blogcraft.views",
        "posts.feeds",
        "series.feeds",
    }
    decorated = sorted(
        name
        for name in public_views
        for node in ast.walk(ast.parse(product_modules()[name].read_text()))
        if isinstance(node, ast.FunctionDef)
        for decorator in node.decorator_list
        if "cached_public_response" in ast.unparse(decorator)
    )
    assert decorated == []
    routed = public_views | {"posts.sitemap_index", "django.contrib.sitemaps.views"}
    checked = [
        (route, hasattr(callback, "__wrapped__"))
        for route, name, callback in callbacks(get_resolver())
        if getattr(callback, "__module__", "") in routed and name not in NOT_CACHED
    ]
    assert {"", "blog/<slug:slug>/", "series/<slug:slug>/rss.xml", "sitemap.xml"} <= {
        route for route, _ in checked
    }
    uncached = sorted(route for route, wrapped in checked if not wrapped)
    assert uncached == []


def test_the_page_cache_is_invalidated_in_one_module():
    users = sorted(
        name
        for name, imported_names in IMPORTS.items()
        if top(name) != "tooling"
        and name != "blogcraft.page_cache"
        and {
            "blogcraft.page_cache.content_changed",
            "blogcraft.page_cache.forget_content_state",
        }
        & imported_names
    )
    assert users == ["blogcraft.page_cache_invalidation"]
