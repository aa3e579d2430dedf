from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = "Series"

    def ready(self):
        from . import content_changes, revisions, signals

        signals.connect()
        content_changes.connect()
        revisions.track_series()
