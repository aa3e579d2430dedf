"""The post list's filter for posts whose checks found something at their last save."""

from django.contrib import admin


class NeedsAttentionFilter(admin.SimpleListFilter):
    title = "checks"
    parameter_name = "checks"

    def lookups(self, request, model_admin):
        return [("attention", "Need attention"), ("clear", "All clear")]

    def queryset(self, request, queryset):
        if self.value() == "attention":
            return queryset.exclude(checks=[])
        if self.value() == "clear":
            return queryset.filter(checks=[])
        return queryset
