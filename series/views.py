from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from .metadata import series_image_url, series_structured_data
from .models import Series
from .visibility import series_visible_to


def series_list(request):
    series = Series.objects.with_progress()
    return render(request, "series/series_list.html", {"series_list": series})


def series_detail(request, slug):
    """Show a series' published parts; staff also see a series with none yet."""
    series = get_object_or_404(series_visible_to(request.user).with_counts(), slug=slug)
    parts = series.parts.for_reading().select_related("post__category").public_order()
    context = {
        "series": series,
        "parts": parts,
        "structured_data": series_structured_data(series, parts),
        "social_image": series_image_url(series),
    }
    response = render(request, "series/series_detail.html", context)
    if not parts:
        add_never_cache_headers(response)
    return response
