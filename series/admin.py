from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Count
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet

from posts.admin import PostAdmin
from posts.revision_admin import RevisionAdmin

from .forms import PartsFormSet, PostSeriesPartForm, SeriesAdminForm, SeriesPartForm
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

    class Media:
        # Nothing typed is lost: see static/js/unsaved-changes.js.
        css = {"all": ["css/admin-editor.css"]}
        js = ["js/unsaved-changes.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(part_count=Count("parts"))

    @admin.display(description="parts", ordering="part_count")
    def part_count(self, series):
        return series.part_count


class PostSeriesPartFormSet(BaseInlineFormSet):
    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        total = self.add_prefix(TOTAL_FORM_COUNT)
        if self.is_bound and total not in self.data:
            # A client that never showed the series (a script that posts a post's
            # own fields) leaves it as it is.
            self.data = self.data.copy()
            self.data[total] = self.data[self.add_prefix(INITIAL_FORM_COUNT)] = "0"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove from the series"
            form.fields[
                "DELETE"
            ].help_text = "The post stays; the series goes on without it."


class SeriesPartInline(admin.StackedInline):
    """The series a post is part of, its position and label, on the post's form."""

    model = SeriesPart
    fk_name = "post"
    form = PostSeriesPartForm
    formset = PostSeriesPartFormSet
    fields = ["series", "position", "label"]
    verbose_name = "series"
    verbose_name_plural = "series"
    extra = 1
    max_num = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("series")


# The posts app knows nothing of series: its admin gets the series inline from here.
PostAdmin.inlines = [SeriesPartInline, *PostAdmin.inlines]
