import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from posts.models import Post
from tooling.loadtest import Client, Editor, available_urls, run_load

READ_PATHS = [
    "/",
    "/blog/hello-world/",
    "/series/from-chat-to-agent/",
    "/tags/ai/",
    "/rss.xml",
]
EDITED_SLUG = "hello-world"
MAX_SECONDS = 120
MAX_CONNECTIONS = 64


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_pids(master_pid):
    path = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in path.read_text().split()]


class Command(BaseCommand):
    help = (
        "Start gunicorn on a free loopback port with gunicorn.conf.py, read public "
        "pages from many connections while an editor saves a post each second, "
        "optionally kill one worker halfway, then print latencies and errors. "
        "Exits non-zero on a server error or a lost edit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=30)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument(
            "--kill-worker",
            action="store_true",
            help="Kill one gunicorn worker (SIGKILL) halfway through.",
        )

    def handle(self, seconds, connections, kill_worker, **options):
        if not 1 <= seconds <= MAX_SECONDS or not 1 <= connections <= MAX_CONNECTIONS:
            raise CommandError(
                f"Keep to at most {MAX_SECONDS} s and {MAX_CONNECTIONS} connections."
            )
        post = Post.objects.filter(slug=EDITED_SLUG).first()
        if post is None:
            raise CommandError(f"No post {EDITED_SLUG!r}: run `manage.py load_demo`.")
        username = f"loadtest-{secrets.token_hex(4)}"
        password = secrets.token_urlsafe(24)
        user = get_user_model().objects.create_superuser(username, password=password)
        original_body = post.body
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = self.start_server(port)
        try:
            self.wait_until_up(base_url, server)
            paths = available_urls(base_url, READ_PATHS)
            self.stdout.write(f"Reading {', '.join(paths)} from {connections} conn.")
            at = None
            if kill_worker:
                at = (seconds / 2, lambda: self.kill_one_worker(server.pid))
            results = run_load(
                base_url,
                paths,
                connections,
                seconds,
                editor=Editor(base_url, settings.ADMIN_PATH, username, password),
                edit=(post.pk, post.get_absolute_url(), original_body),
                at=at,
            )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            post.refresh_from_db()
            post.body = original_body
            post.save()
            user.delete()
        self.stdout.write(results.summary())
        for _moment, error in results.connection_errors[:10]:
            self.stdout.write(f"  connection error: {error}")
        for _moment, reason in results.edits_failed[:10]:
            self.stdout.write(f"  failed edit: {reason}")
        if results.server_errors() or results.edits_lost:
            raise CommandError("Server errors or lost edits: see above.")

    def start_server(self, port):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        environment = os.environ | {"HOST": "127.0.0.1", "PORT": str(port)}
        # The access log of tens of thousands of requests would bury the result.
        return subprocess.Popen(
            [
                gunicorn,
                "--config",
                "gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "blogcraft.wsgi:application",
            ],
            cwd=settings.BASE_DIR,
            env=environment,
        )

    def wait_until_up(self, base_url, server):
        client = Client(base_url)
        for _ in range(100):
            if server.poll() is not None:
                raise CommandError("gunicorn exited at start.")
            try:
                if client.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise CommandError("gunicorn did not become healthy in 20 s.")

    def kill_one_worker(self, master_pid):
        victim = worker_pids(master_pid)[0]
        os.kill(victim, signal.SIGKILL)
        self.stdout.write(f"Killed gunicorn worker {victim} (SIGKILL).")
