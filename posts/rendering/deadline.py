"""A time limit on rendering, so that no body can hold a worker for long."""


class RenderTimeout(Exception):
    """Rendering ran past its deadline; the message says so, for the editor."""
