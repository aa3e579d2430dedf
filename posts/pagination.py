"""Pages of posts whose cost does not grow with the page's number.

A page is found in two steps: the ids of its rows, in order, from an index alone;
then those rows, by id, with their joins. Skipping to page 400 then steps over
4,800 index entries instead of joining 4,800 rows (on SQLite, reading through each
body to reach the columns after it). The ids are fetched on their own, so that the
database looks the rows up by id rather than walking the index again to find them.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet


class IdFirstPaginator(Paginator):
    """A Paginator for querysets: each page's rows are fetched by their ids.

    Anything else (search results, ranked by the database's full-text index and
    fetched a page at a time already) is paged as Paginator does.
    """

    def _get_page(self, object_list, number, paginator):
        if not isinstance(object_list, QuerySet):
            return super()._get_page(object_list, number, paginator)
        # object_list is the ordered queryset sliced to the page.
        ids = list(object_list.values_list("pk", flat=True))
        rows = self.object_list.filter(pk__in=ids) if ids else object_list.none()
        return super()._get_page(rows, number, paginator)
