"""
Gunicorn settings for Blogcraft: `gunicorn -c gunicorn.conf.py blogcraft.wsgi`.

Every value can be changed from the environment, as the Django settings can.
"""

import os
from pathlib import Path

host = os.environ.get("HOST", "127.0.0.1")
port = int(os.environ.get("PORT", "8000"))
bind = [f"{host}:{port}"]

# Threaded workers: a slow client holds a thread, not a whole process. Two processes
# per core (plus one) keep the cores busy while some wait on the database.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that takes longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On reload or shutdown, workers get this long to finish the requests they hold.
graceful_timeout = 30
keepalive = 5

# Replace each worker after many requests, so that a slow leak never adds up; the
# jitter keeps the workers from all restarting at once. Every replacement imports
# Django again and starts with cold caches: at a few thousand requests a second, a
# low limit recycles each worker every few seconds. 0 turns recycling off.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10

# Errors go to standard error. The access log is off unless GUNICORN_ACCESS_LOG names
# a file, or "-" for standard output: measured, a line per request from the workers,
# with the recycling above at 2,000, halved the rate of small responses; the proxy in
# front logs the requests anyway.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# Gunicorn's control socket defaults to one path per user, which two instances on
# one machine would fight over: give each instance its own, under its var folder
# and named by its port, or none when that path is too long for a Unix socket.
var_dir = Path(os.environ.get("BLOGCRAFT_VAR_DIR", Path(__file__).parent / "var"))
control_socket = os.environ.get(
    "GUNICORN_CONTROL_SOCKET", str(var_dir.resolve() / "run" / f"gunicorn-{port}.ctl")
)
control_socket_disable = len(os.fsencode(control_socket)) > 100

# Worker titles in ps/top say which site they serve.
proc_name = f"blogcraft:{port}"
