from django.contrib import admin
from django.db.models import Count

from posts.forms import NormalisedTextForm
from posts.revision_admin import RevisionAdmin

from .forms import SeriesAdminForm
from .models import Series, SeriesPart


class SeriesPartInline(admin.TabularInline):
    model = SeriesPart
    form = NormalisedTextForm
    fields = ["position", "post", "label"]
    autocomplete_fields = ["post"]
    ordering = ["position"]
    extra = 1


@admin.register(Series)
class SeriesAdmin(RevisionAdmin):
    form = SeriesAdminForm
    list_display = ["title", "status", "part_count"]
    list_filter = ["status"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SeriesPartInline]

    class Media:
        # Nothing typed is lost: see static/js/unsaved-changes.js.
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/unsaved-changes.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(part_count=Count("parts"))

    @admin.display(description="parts", ordering="part_count")
    def part_count(self, series):
        return series.part_count
