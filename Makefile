# Blogcraft: `make run` serves the demo site, `make test` runs every test.
# Both install what they need first, on a fresh machine too.

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(PY) manage.py

# Django 6 needs Python 3.12 or newer: take the first such interpreter on PATH or in
# pyenv, or stop and say what is missing.
define find_python
for candidate in "$${PYTHON:-}" python3.14 python3.13 python3.12 python3 \
	$$(ls -d "$$(pyenv root 2>/dev/null || echo "$$HOME/.pyenv")"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	[ -n "$$candidate" ] || continue; \
	if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		echo "$$candidate"; exit 0; \
	fi; \
done; \
echo "Blogcraft needs Python 3.12 or newer, and none was found on PATH or in pyenv." >&2; \
echo "Install one, or point PYTHON at it: make PYTHON=/path/to/python3.12 ..." >&2; \
exit 1
endef

.PHONY: run test install install-dev browser lint migrate demo loadtest clean

$(VENV)/.created:
	@python=$$($(find_python)) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created requirements.txt
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The browser tests drive Debian's Chromium; Playwright cannot download its own here.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-inter >/dev/null; \
	else \
		echo "Chromium is missing: install Debian's chromium package (the browser tests will be skipped)."; \
	fi

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) ensure_editor
	@echo "Serving Blogcraft on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py blogcraft.wsgi:application

# 30 s of reads from 32 connections with an editor saving each second, against a
# gunicorn of its own on a free loopback port; one worker is killed halfway.
loadtest: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) loadtest --seconds 30 --connections 32 --kill-worker

test: install-dev browser
	$(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache test-artifacts
