"""
Drive a running Blogcraft with readers and one editor, and measure what they get.

Readers fetch public pages over fresh connections, so that a request lost to a dead
worker is exactly one that worker was serving. The editor saves a post through the
admin's own form about once a second and, after each acknowledged save, reads the
public page back: an edit that was acknowledged but does not show is a lost edit.
Standard library only; meant for a server on this machine.
"""

import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
REQUEST_TIMEOUT_SECONDS = 30


class NotLoopback(Exception):
    pass


@dataclass
class Results:
    latencies: list = field(default_factory=list)  # seconds, successful reads
    statuses: dict = field(default_factory=dict)  # status -> count
    connection_errors: list = field(default_factory=list)  # (time, error)
    edits_acknowledged: int = 0
    edits_failed: list = field(default_factory=list)  # (time, reason)
    edits_lost: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status, seconds):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status < 500:
                self.latencies.append(seconds)

    def server_errors(self):
        return sum(count for status, count in self.statuses.items() if status >= 500)

    def percentile(self, fraction):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def summary(self):
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        return "\n".join(
            [
                f"reads: {sum(self.statuses.values())} ({statuses})",
                f"latency: p50 {self.percentile(0.50) * 1000:.1f} ms, "
                f"p99 {self.percentile(0.99) * 1000:.1f} ms, "
                f"mean {statistics.fmean(self.latencies or [0]) * 1000:.1f} ms",
                f"server errors: {self.server_errors()}, "
                f"connection errors: {len(self.connection_errors)}",
                f"edits: {self.edits_acknowledged} saved, "
                f"{len(self.edits_failed)} failed, {len(self.edits_lost)} lost",
            ]
        )


class Client:
    """HTTP/1.1 to one loopback host, one fresh connection per request, cookies kept."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        if parts.hostname not in LOOPBACK_HOSTS:
            raise NotLoopback(f"Load is only sent to this machine, not {base_url}.")
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=REQUEST_TIMEOUT_SECONDS
        )
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, content

    def post_form(self, path, fields, referer):
        body = urlencode(fields)
        return self.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.cookies.get("csrftoken", ""),
                "Referer": referer,
            },
        )


def available_urls(base_url, paths):
    """The paths that answer 200 (the feed, say, may not exist yet)."""
    client = Client(base_url)
    return [path for path in paths if client.request("GET", path)[0] == 200]


def read_until(base_url, paths, deadline, results, offset):
    client = Client(base_url)
    turn = offset
    while time.monotonic() < deadline:
        path = paths[turn % len(paths)]
        turn += 1
        started = time.monotonic()
        try:
            status, _, _ = client.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            with results.lock:
                results.connection_errors.append((time.monotonic(), repr(error)))
            continue
        results.record(status, time.monotonic() - started)


class FormFields(HTMLParser):
    """Collect the fields of the page's main form as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append([name, attrs.get("value", default)])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            # The browser drops the one newline that follows <textarea>.
            self.textarea[1] += data if self.textarea[1] else data.removeprefix("\n")


class Editor:
    """Logs in to the admin and saves one post's body, as the change form does."""

    def __init__(self, base_url, admin_path, username, password):
        self.client = Client(base_url)
        self.admin = "/" + admin_path.strip("/") + "/"
        self.username, self.password = username, password

    def log_in(self):
        login = f"{self.admin}login/"
        self.client.request("GET", login)
        status, headers, _ = self.client.post_form(
            login,
            {
                "username": self.username,
                "password": self.password,
                "next": self.admin,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            referer=login,
        )
        if status != 302:
            raise RuntimeError(f"The editor could not log in (status {status}).")

    def save_body(self, post_id, body):
        """Submit the change form with a new body; return the status."""
        change = f"{self.admin}posts/post/{post_id}/change/"
        status, _, page = self.client.request("GET", change)
        if status != 200:
            return status
        parser = FormFields()
        parser.feed(page.decode())
        fields = [
            (name, body if name == "body" else value) for name, value in parser.fields
        ]
        fields.append(("_continue", "Save and continue editing"))
        status, _, _ = self.client.post_form(change, fields, referer=change)
        return status


def edit_until(editor, post_id, post_path, base_body, deadline, results, every):
    try:
        editor.log_in()
    except (OSError, http.client.HTTPException, RuntimeError) as error:
        results.edits_failed.append((time.monotonic(), repr(error)))
        return
    number = 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        number += 1
        marker = f"Load test edit {number}"
        try:
            status = editor.save_body(post_id, f"{base_body}\n\n{marker}.\n")
        except (OSError, http.client.HTTPException) as error:
            results.edits_failed.append((time.monotonic(), repr(error)))
            status = None
        if status == 302:
            results.edits_acknowledged += 1
            _, _, page = editor.client.request("GET", post_path)
            if re.search(rf"{marker}\b", page.decode()) is None:
                results.edits_lost.append(marker)
        elif status is not None:
            results.edits_failed.append((time.monotonic(), f"status {status}"))
        time.sleep(max(0.0, every - (time.monotonic() - started)))


def run_load(base_url, paths, connections, seconds, editor=None, edit=None, at=None):
    """Read paths from `connections` threads for `seconds`, editing alongside.

    edit: (post_id, post_path, base_body) of the post the editor saves each second.
    at: (seconds from start, callable) to do something mid-run, e.g. kill a worker.
    """
    results = Results()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=read_until, args=(base_url, paths, deadline, results, offset)
        )
        for offset in range(connections)
    ]
    if editor is not None:
        threads.append(
            threading.Thread(
                target=edit_until, args=(editor, *edit, deadline, results, 1.0)
            )
        )
    for thread in threads:
        thread.start()
    if at is not None:
        delay, action = at
        time.sleep(delay)
        action()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT_SECONDS)
    return results
