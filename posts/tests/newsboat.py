"""Read a feed's first article as Debian's newsboat, a text feed reader, shows it.

newsboat has no command that prints an article: `-x reload` fills its cache, and
only its terminal interface renders and saves one. So the interface runs in a
pseudo-terminal, opens the first feed's first article and saves it ("s"), which
writes the article as newsboat's HTML renderer shows it.
"""

import contextlib
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import termios
import time
from pathlib import Path

NEWSBOAT = shutil.which("newsboat")
# How long to wait for newsboat at most; it usually needs well under a second.
PATIENCE_SECONDS = 60


def read_first_article(feed_url, folder):
    """Return the text newsboat saves for the first article of feed_url."""
    folder = Path(folder)
    (folder / "urls").write_text(feed_url + "\n")
    (folder / "config").write_text(
        f'auto-reload no\nsave-path "{folder}"\ntext-width 120\n'
    )
    files = ["-u", str(folder / "urls"), "-c", str(folder / "cache.db")]
    files += ["-C", str(folder / "config")]
    subprocess.run(
        [NEWSBOAT, *files, "-x", "reload"],
        check=True,
        capture_output=True,
        timeout=PATIENCE_SECONDS,
    )
    terminal, screen = pty.openpty()
    fcntl.ioctl(screen, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 130, 0, 0))
    reader = subprocess.Popen(
        [NEWSBOAT, *files],
        stdin=screen,
        stdout=screen,
        stderr=screen,
        env={**os.environ, "TERM": "xterm"},
        start_new_session=True,
    )
    os.close(screen)
    try:
        # Keys wait in the terminal until newsboat reads them: open the feed, open
        # its first article, save it under the name offered, quit. newsboat saves
        # before it reads the quit.
        os.write(terminal, b"\r\rs\r")
        saved = wait_for(lambda: next(folder.glob("*.txt"), None), terminal)
        os.write(terminal, b"Q")
        wait_for(lambda: reader.poll() is not None, terminal)
        return saved.read_text()
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
        os.close(terminal)


def wait_for(condition, terminal):
    """Return condition()'s first true value, reading newsboat's screen meanwhile
    (newsboat blocks on a full terminal)."""
    deadline = time.monotonic() + PATIENCE_SECONDS
    while time.monotonic() < deadline:
        if value := condition():
            return value
        ready, _, _ = select.select([terminal], [], [], 0.1)
        if ready:
            # OSError: the terminal closed, newsboat has quit.
            with contextlib.suppress(OSError):
                os.read(terminal, 65536)
    raise AssertionError("newsboat did not do what it was asked")
