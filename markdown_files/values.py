"""
Read typed values out of front matter, with a message an editor can act on.

Front matter is written by hand, and YAML guesses types: `title: no` is false and
`date: 2024-02-30` is no date at all. Each reader here accepts what the field can hold
and refuses anything else by naming the field and the fix.
"""

from datetime import UTC, date, datetime, time

from django.utils import timezone

# Besides ISO 8601: the dates of Astro's blog template ("Jul 08 2022") and kin.
TEXT_DATE_LAYOUTS = ("%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y")


class ValueRefused(Exception):
    """A front matter value cannot be used; the message names the field."""


def cut(text, limit=60):
    # A message quotes a value; it never dumps a long one back at its reader.
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value):
    """Return value as YAML read it, cut short."""
    return cut(repr(value))


def first_present(data, names):
    """Return (name, value) of the first of names present in data."""
    for name in names:
        if data.get(name) is not None:
            return name, data[name]
    return names[0], None


def text(data, *names, default=""):
    name, value = first_present(data, names)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueRefused(
            f"{name} must be text, but YAML read it as {shown(value)}: put it in "
            f'quotes, e.g. {name}: "{cut(str(value))}".'
        )
    return value


def moment(data, *names):
    """Return an aware datetime from a YAML date, datetime or ISO 8601 text."""
    name, value = first_present(data, names)
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_date_text(name, value)
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if not isinstance(value, datetime):
        raise ValueRefused(f"{name} must be a date, not {shown(value)}.")
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        value.astimezone(UTC)  # the database stores UTC: it must fit
    except (OverflowError, ValueError):
        raise ValueRefused(f"{name}: {value} is out of range.") from None
    return value


def parse_date_text(name, value):
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        pass
    for layout in TEXT_DATE_LAYOUTS:
        try:
            return datetime.strptime(value.strip(), layout)
        except ValueError:
            continue
    raise ValueRefused(
        f"{name}: {shown(value)} is not a date; write e.g. 2024-05-31 or "
        "2024-05-31T09:30:00+00:00."
    )


def flag(data, name):
    value = data.get(name)
    if value is None or isinstance(value, bool):
        return value
    raise ValueRefused(f"{name} must be true or false, not {shown(value)}.")


def names(data, *keys):
    """Return a list of names (tags, categories) given as a list or one text."""
    key, value = first_present(data, keys)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ValueRefused(f"{key} must be a list, e.g. {key}: [python, django].")
    result = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise ValueRefused(f"{key} must list names, not {shown(item)}.")
        if str(item).strip():
            result.append(str(item).strip())
    return result


def positive_integer(data, name):
    value = data.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueRefused(f"{name} must be a whole number from 1, not {shown(value)}.")
    return value


def optional_positive_integer(data, *names):
    """Return the first of names present as a whole number from 1, or None."""
    name, value = first_present(data, names)
    return None if value is None else positive_integer({name: value}, name)


def mapping(data, name):
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueRefused(f"{name} must be a mapping, e.g. {name}: {{slug: ...}}.")
    return value
