from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = "Series"

    def ready(self):
        from . import revisions, signals

        signals.connect()
        revisions.track_series()
