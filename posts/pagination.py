"""Pages of posts whose cost does not grow with the page's number.

A page is found in two steps in one query: the ids of its rows, in order, from an
index alone; then those rows, with their joins. Skipping to page 400 then steps
over 4,800 index entries instead of joining 4,800 rows (on SQLite, reading through
each body to reach the columns after it).
"""

from django.core.paginator import Paginator


class IdFirstPaginator(Paginator):
    """A Paginator for querysets: each page's rows are fetched by their ids."""

    def _get_page(self, object_list, number, paginator):
        # object_list is the ordered queryset sliced to the page; ids first.
        ids = object_list.values("pk")
        rows = self.object_list.filter(pk__in=ids)
        return super()._get_page(rows, number, paginator)
