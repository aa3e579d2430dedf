# The series these tests export and import are made as the series app's tests make them.
from series.tests.conftest import make_series

__all__ = ["make_series"]
