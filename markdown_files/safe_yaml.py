"""
Load YAML written by hand, from files nobody vouches for.

Only the safe constructors build values, so tags like `!!python/object` are refused.
A first pass over the parser's events, which keeps no stack of its own, refuses what
would make building the values costly:

- anchors and aliases: nested aliases ("billion laughs") make a few lines of YAML
  stand for billions of values;
- nesting deeper than MAX_NESTING: the composer recurses once per level, and a few
  kilobytes of `[[[[` exhaust the stack. Without aliases, the depth of the events is
  the depth of the values that are loaded.

libyaml, where PyYAML has it, parses about ten times faster than pure Python: a
hostile file costs a worker that much less.
"""

import yaml

# Blogcraft's own files nest three levels deep; Hugo and Astro front matter rarely
# more than four.
MAX_NESTING = 20
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class YamlRefused(Exception):
    """The YAML cannot be loaded; the message says why, naming the source."""


def check_events(source, subject):
    depth = 0
    for event in yaml.parse(source, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlRefused(
                f"{subject} uses YAML anchors or aliases (& or *), which are not "
                "accepted."
            )
        if isinstance(event, OPENING):
            depth += 1
            if depth > MAX_NESTING:
                raise YamlRefused(
                    f"{subject} is nested too deeply: at most {MAX_NESTING} levels "
                    "of lists and mappings are accepted."
                )
        elif isinstance(event, CLOSING):
            depth -= 1


def load_yaml(source, subject):
    """Return the values of the YAML text source; subject names it in messages."""
    try:
        check_events(source, subject)
        return yaml.load(source, Loader=LOADER)  # a safe loader: see LOADER
    except yaml.YAMLError as error:
        raise YamlRefused(f"{subject} is not valid YAML: {error}") from None
    except (ValueError, TypeError) as error:
        # The constructors build dates themselves and fail on ones like 2024-02-30.
        raise YamlRefused(f"{subject} has an impossible value: {error}") from None
    except RecursionError:
        # Not expected past the depth check; kept so that no input can crash.
        raise YamlRefused(f"{subject} is nested too deeply.") from None
