from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Count

from posts.revision_admin import RevisionAdmin

from .forms import PartsFormSet, SeriesAdminForm, SeriesPartForm
from .models import Series, SeriesPart


class ChosenPostAutocomplete(AutocompleteSelect):
    """Names a row's post from the part already loaded, not by a query per row."""

    chosen = None  # (the post's id as a string, its title), set by PartsInline

    def optgroups(self, name, value, attr=None):
        values = [str(each) for each in value if each not in (None, "")]
        if self.chosen is None or values != [self.chosen[0]]:
            return super().optgroups(name, value, attr)
        options = [self.create_option(name, "", "", False, 0)]
        options.append(self.create_option(name, *self.chosen, True, 1))
        return [(None, options, 0)]


class PartsInline(admin.TabularInline):
    """A series' parts in order, moved up and down by static/js/series-parts.js."""

    model = SeriesPart
    form = SeriesPartForm
    formset = PartsFormSet
    fields = ["position", "post", "label"]
    autocomplete_fields = ["post"]
    ordering = ["position"]
    extra = 1
    classes = ["series-parts"]
    verbose_name = "part"
    verbose_name_plural = "parts, in reading order"

    class Media:
        js = ["js/series-parts.js"]
        css = {"all": ["css/admin-series.css"]}

    def get_queryset(self, request):
        # A row names its series and its post: both come with the parts.
        return super().get_queryset(request).select_related("series").for_reading()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "post":
            kwargs["widget"] = ChosenPostAutocomplete(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Series)
class SeriesAdmin(RevisionAdmin):
    form = SeriesAdminForm
    list_display = ["title", "status", "part_count"]
    list_filter = ["status"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartsInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(part_count=Count("parts"))

    @admin.display(description="parts", ordering="part_count")
    def part_count(self, series):
        return series.part_count
