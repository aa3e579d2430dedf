"""gunicorn.conf.py starts a real server whose control socket is its own."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def serve_healthz(tmp_path, **environment):
    """Start gunicorn with the config, GET /healthz once, stop it; return its output."""
    port = free_port()
    unset = {"DATABASE_URL", "REDIS_URL", "DEBUG", "GUNICORN_ACCESS_LOG"}
    env = {name: value for name, value in os.environ.items() if name not in unset}
    env |= {
        "PORT": str(port),
        "BLOGCRAFT_VAR_DIR": str(tmp_path),
        "WEB_CONCURRENCY": "2",
        # The fresh database is never migrated, so it has no queue table, which
        # /healthz would rightly report: tasks run in the request instead.
        "TASKS_BACKEND": "immediate",
        **environment,
    }
    server = subprocess.Popen(
        [GUNICORN, "--config", "gunicorn.conf.py", "blogcraft.wsgi:application"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, body = get(port, "/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert status == 200, body
        assert (tmp_path / "run" / f"gunicorn-{port}.ctl").is_socket()
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=40)
    assert "Booting worker" in output  # the error log
    return output


def test_server_runs_with_the_config_and_its_own_control_socket(tmp_path):
    output = serve_healthz(tmp_path)
    # No line per request by default: logging each one costs the workers dearly.
    assert "GET /healthz" not in output


def test_the_access_log_is_one_switch_away(tmp_path):
    output = serve_healthz(tmp_path, GUNICORN_ACCESS_LOG="-")
    assert '"GET /healthz HTTP/1.1" 200' in output
