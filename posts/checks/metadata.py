"""Title and description lengths, as search results and link previews cut them."""

from .findings import Finding

# Search engines show about 60 characters of a title and 155 of a description;
# shorter descriptions are replaced by text taken from the page.
TITLE_MAX = 70
DESCRIPTION_MIN = 50
DESCRIPTION_MAX = 160


def metadata_findings(title, description):
    findings = []
    if len(title) > TITLE_MAX:
        findings.append(
            Finding(
                "title-length",
                f"The title has {len(title)} characters; search results show about "
                f"{TITLE_MAX}.",
                "Shorten it, or put the key words first.",
                field="title",
            )
        )
    if description and len(description) < DESCRIPTION_MIN:
        findings.append(
            Finding(
                "description-length",
                f"The description has {len(description)} characters; search engines "
                f"replace one shorter than {DESCRIPTION_MIN} with text of their own.",
                "Say in a sentence or two what the reader will learn.",
                field="description",
            )
        )
    elif len(description) > DESCRIPTION_MAX:
        findings.append(
            Finding(
                "description-length",
                f"The description has {len(description)} characters; search results "
                f"and link previews cut it after about {DESCRIPTION_MAX}.",
                "Shorten it to one or two sentences.",
                field="description",
            )
        )
    return findings
