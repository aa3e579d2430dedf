"""What import_markdown prints, read back as a report per file."""

import io

from django.core.management import call_command

from blogcraft.tests.command_output import report_lines


def import_lines(folder, *options):
    """Run import_markdown; return its report lines by subject, and the summary."""
    output = io.StringIO()
    call_command("import_markdown", str(folder), *options, stdout=output)
    *lines, summary = report_lines(output.getvalue())
    by_subject = {}
    for line in lines:
        outcome, _, rest = line.strip().partition("  ")
        subject, _, reason = rest.partition(": ")
        assert subject not in by_subject, f"two lines for {subject}"
        by_subject[subject] = (outcome, reason)
    return by_subject, summary
