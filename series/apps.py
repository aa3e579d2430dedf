from django.apps import AppConfig


class SeriesConfig(AppConfig):
    name = "series"
    verbose_name = "Series"

    def ready(self):
        from . import signals

        signals.connect()
