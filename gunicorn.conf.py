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

# Replace each worker after a while, so that slow leaks never add up; the jitter
# keeps the workers from all restarting at the same moment.
max_requests = 2000
max_requests_jitter = 200

# Requests go to standard output as one line each, errors to standard error.
accesslog = "-"
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
