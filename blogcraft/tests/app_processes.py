"""
App servers and workers started as processes of their own, for tests that run the
many-machines layout on one machine; and a client that fails over between servers.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tooling.loadtest import Client

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
# How long a poll waits on a process between two looks; the wait ends at once if
# the process exits, which fails the test with its log.
POLL_SECONDS = 0.25
CONNECTION_ERRORS = (OSError, http.client.HTTPException)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Process:
    """A server or worker started by the test, in a process group of its own."""

    name: str
    process: subprocess.Popen
    log: Path
    url: str = ""

    def log_tail(self, lines=40):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def pause_or_fail(self, waiting_for):
        """Wait a moment on the process; fail with its log if it has exited."""
        try:
            self.process.wait(timeout=POLL_SECONDS)
        except subprocess.TimeoutExpired:
            return
        pytest.fail(f"{self.name} exited waiting for {waiting_for}:\n{self.log_tail()}")

    def kill(self):
        """Kill the master and every worker at once, as a machine that dies."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.kill()


def wait_until(check, what, watched, seconds):
    """Return check()'s first true answer, polling until a deadline."""
    deadline = time.monotonic() + seconds
    while not (answer := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"No {what} within {seconds} s:\n{watched.log_tail()}")
        watched.pause_or_fail(what)
    return answer


def start(name, command, environment, folder, url=""):
    log = folder / f"{name}.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=PROJECT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(name, process, log, url)


def start_app_server(name, environment, folder):
    port = free_port()
    return start(
        name,
        [GUNICORN, "--config", "gunicorn.conf.py", "blogcraft.wsgi:application"],
        environment | {"HOST": "127.0.0.1", "PORT": str(port)},
        folder,
        url=f"http://127.0.0.1:{port}",
    )


def health(server):
    """Return /healthz's checks once the server answers 200, else None."""
    try:
        status, _, body = Client(server.url).request("GET", "/healthz")
    except CONNECTION_ERRORS:
        return None
    return json.loads(body)["checks"] if status == 200 else None


class Balancer:
    """Sends each request to the next server in turn, and to the other if it fails,
    as a load balancer retries an idempotent request."""

    def __init__(self, servers):
        self.servers = servers
        self.turn = 0
        self.failovers = []  # (server name, error)

    def get(self, path):
        first = self.turn
        self.turn += 1
        for step in range(len(self.servers)):
            server = self.servers[(first + step) % len(self.servers)]
            try:
                status, _, _ = Client(server.url).request("GET", path)
            except CONNECTION_ERRORS as error:
                self.failovers.append((server.name, repr(error)))
                continue
            return server.name, status
        return None, None
