# Blogcraft: `make run` serves the demo site, `make test` runs every test.
# Both install what they need first, on a fresh machine too.

SHELL := /bin/bash
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

.PHONY: run worker test install install-dev browser node-tools lint migrate demo loadtest clean bench bench-render \
	bench-pages bench-growth screenshots lighthouse

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

# Debian's Chromium draws Mermaid diagrams on save and drives the browser tests
# (Playwright cannot download a browser of its own here); newsboat, a text feed
# reader, reads the feeds in the tests.
browser:
	@if [ -x /usr/bin/chromium ] && command -v newsboat >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium, the Inter font and newsboat"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-inter newsboat >/dev/null; \
	else \
		echo "Chromium or newsboat is missing: diagrams may show as source and the tests that need them skip."; \
	fi

# axe-core checks the pages' accessibility in the browser tests; Lighthouse scores
# the reading pages (`make lighthouse`). Both pinned here, installed in one call so
# that neither prunes the other; Lighthouse 12 is the last to run on Node 20.
AXE_CORE_VERSION := 4.14.1
LIGHTHOUSE_VERSION := 12.8.2
NODE_TOOLS := .node-tools
NODE_TOOLS_STAMP := $(NODE_TOOLS)/.installed-axe-$(AXE_CORE_VERSION)-lighthouse-$(LIGHTHOUSE_VERSION)
$(NODE_TOOLS_STAMP):
	@if command -v npm >/dev/null; then \
		npm install --silent --no-save --no-audit --no-fund --prefix $(NODE_TOOLS) \
			axe-core@$(AXE_CORE_VERSION) lighthouse@$(LIGHTHOUSE_VERSION) && touch $@; \
	else \
		echo "npm is missing: the accessibility checks will be skipped."; \
	fi
node-tools: $(NODE_TOOLS_STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate browser
	$(MANAGE) load_demo

# Two processes from one command: the task worker (it draws diagrams, typesets
# math) and gunicorn. Ctrl-C, a TERM to make, or either process stopping (gunicorn
# failing to start, say) stops both; the worker finishes the drawing under way.
run: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) ensure_editor
	@echo "Serving Blogcraft on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@$(MANAGE) db_worker & worker=$$!; \
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py \
		blogcraft.wsgi:application & web=$$!; \
	trap 'kill $$web $$worker 2>/dev/null; wait' EXIT INT TERM; \
	wait -n $$web $$worker

# The task worker alone, for a machine that runs workers only (see docs/deploy.md).
worker: migrate browser
	$(MANAGE) db_worker

# 30 s of reads from 32 connections with an editor saving each second, against a
# gunicorn of its own on a free loopback port; one worker is killed halfway.
loadtest: demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) loadtest --seconds 30 --connections 32 --kill-worker

test: install-dev browser node-tools
	$(PY) -m pytest

# Render times for the showcase, a long post and hostile bodies (not a test: numbers),
# then pages per second as ratios to a static file served by a minimal Django +
# WhiteNoise app (tooling/baseline_app.py), all on a demo database of their own and
# with gunicorn.conf.py's production defaults: one Blogcraft with the page cache, one
# without (pages rendered from scratch), and the baseline, each on its own port.
# The scratch demos below (bench, screenshots, lighthouse) run no task worker, so
# their diagrams and math are drawn during load_demo (the immediate backend).
BENCH_DIR := var/bench
BENCH_GUNICORN := $(VENV)/bin/gunicorn --config gunicorn.conf.py --log-level warning
bench: bench-render bench-pages

bench-pages: install
	@mkdir -p $(BENCH_DIR)
	@export TASKS_BACKEND=immediate BLOGCRAFT_VAR_DIR=$(BENCH_DIR) CACHE_DIR=$(BENCH_DIR)/cache; \
	$(MANAGE) migrate --noinput -v0 || exit 1; \
	$(MANAGE) load_demo -v0 || exit 1; \
	$(MANAGE) collectstatic --noinput -v0 || exit 1; \
	PORT=8765 $(BENCH_GUNICORN) blogcraft.wsgi:application & cached=$$!; \
	BLOGCRAFT_PAGE_CACHE_SECONDS=0 CACHE_DIR=$(BENCH_DIR)/nocache \
		PORT=8766 $(BENCH_GUNICORN) blogcraft.wsgi:application & uncached=$$!; \
	PORT=8767 $(BENCH_GUNICORN) tooling.baseline_app:application & baseline=$$!; \
	trap 'kill $$cached $$uncached $$baseline 2>/dev/null' EXIT; \
	for port in 8765 8766 8767; do \
		until (exec 3<>/dev/tcp/127.0.0.1/$$port) 2>/dev/null; do sleep 0.2; done; \
	done; \
	$(MANAGE) bench_pages --url http://127.0.0.1:8765 --uncached-url http://127.0.0.1:8766 \
		--baseline-url http://127.0.0.1:8767
	$(MAKE) --no-print-directory bench-growth

# Each page's time, in process with the page cache off, as a scratch copy of the demo
# grows to 100, 1,000 and 10,000 posts (a few minutes; the site's data is untouched).
bench-growth: install
	$(MANAGE) bench_growth

# docs/screenshots/: the reading pages, desktop and phone, light and dark, from the
# demo on a server of its own (a scratch database), to compare a change at a glance.
SHOTS_DIR := var/screenshots
screenshots: install-dev browser
	@mkdir -p $(SHOTS_DIR)
	@export TASKS_BACKEND=immediate BLOGCRAFT_VAR_DIR=$(SHOTS_DIR) CACHE_DIR=$(SHOTS_DIR)/cache; \
	$(MANAGE) migrate --noinput -v0 || exit 1; \
	$(MANAGE) load_demo -v0 || exit 1; \
	$(MANAGE) collectstatic --noinput -v0 || exit 1; \
	PORT=8768 $(BENCH_GUNICORN) blogcraft.wsgi:application & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT; \
	until (exec 3<>/dev/tcp/127.0.0.1/8768) 2>/dev/null; do sleep 0.2; done; \
	$(MANAGE) screenshots --url http://127.0.0.1:8768

# Lighthouse's four scores for every reading page, desktop and mobile, from the demo
# on a server of its own (a scratch database); fails if any score is below 100.
# Slow (a few minutes), so not part of `make test`. Options: LIGHTHOUSE_ARGS, e.g.
# LIGHTHOUSE_ARGS="--page /blog/ --show-failures".
LIGHTHOUSE_DIR := var/lighthouse
lighthouse: install-dev browser node-tools
	@mkdir -p $(LIGHTHOUSE_DIR)
	@export TASKS_BACKEND=immediate BLOGCRAFT_VAR_DIR=$(LIGHTHOUSE_DIR) CACHE_DIR=$(LIGHTHOUSE_DIR)/cache; \
	$(MANAGE) migrate --noinput -v0 || exit 1; \
	$(MANAGE) load_demo -v0 || exit 1; \
	$(MANAGE) collectstatic --noinput -v0 || exit 1; \
	PORT=8769 $(BENCH_GUNICORN) blogcraft.wsgi:application & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT; \
	until (exec 3<>/dev/tcp/127.0.0.1/8769) 2>/dev/null; do sleep 0.2; done; \
	$(MANAGE) lighthouse --url http://127.0.0.1:8769 $(LIGHTHOUSE_ARGS)

bench-render: install
	$(MANAGE) bench_render

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) $(NODE_TOOLS) staticfiles .pytest_cache test-artifacts
