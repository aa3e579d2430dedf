from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = "Series"

    def ready(self):
        from posts.checks.links import register_link_target

        from . import content_changes, revisions, signals
        from .models import Series
        from .visibility import public_series

        signals.connect()
        content_changes.connect()
        register_link_target("series:detail", Series.objects.all, public_series)
        revisions.track_series()
