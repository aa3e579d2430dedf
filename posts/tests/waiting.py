"""Wait for something that happens at a moment, by asking again until a deadline."""

import time

# Between two looks: short against the waits it replaces, long enough not to flood
# the server with requests.
POLL_SECONDS = 0.1


def read_until(read, expected, timeout):
    """Return read() once it equals expected, or its last value once timeout passed.

    The caller asserts on what it returns, so a failure shows what was seen last.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if value == expected or time.monotonic() > deadline:
            return value
        time.sleep(POLL_SECONDS)
