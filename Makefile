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

.PHONY: run test install install-dev browser node-tools lint migrate demo loadtest clean bench bench-render bench-growth

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
# (Playwright cannot download a browser of its own here).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium and the Inter font"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-inter >/dev/null; \
	else \
		echo "Chromium is missing: diagrams will show as source and browser tests skip."; \
	fi

# axe-core checks the pages' accessibility in the browser tests (pinned here).
AXE_CORE_VERSION := 4.14.1
NODE_TOOLS := .node-tools
$(NODE_TOOLS)/.installed-$(AXE_CORE_VERSION):
	@if command -v npm >/dev/null; then \
		npm install --silent --no-save --no-audit --no-fund --prefix $(NODE_TOOLS) axe-core@$(AXE_CORE_VERSION) && touch $@; \
	else \
		echo "npm is missing: the accessibility checks will be skipped."; \
	fi
node-tools: $(NODE_TOOLS)/.installed-$(AXE_CORE_VERSION)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate browser
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

test: install-dev browser node-tools
	$(PY) -m pytest

# Render times for the showcase, a long post and hostile bodies (not a test: numbers).
# Pages per second against a static file, on a demo database of its own: one server
# with the page cache, one without (pages rendered from scratch).
BENCH_DIR := var/bench
BENCH_GUNICORN := $(VENV)/bin/gunicorn --config gunicorn.conf.py --access-logfile /dev/null \
	--log-level warning blogcraft.wsgi:application
bench: install bench-render
	@mkdir -p $(BENCH_DIR)
	@export BLOGCRAFT_VAR_DIR=$(BENCH_DIR) CACHE_DIR=$(BENCH_DIR)/cache; \
	$(MANAGE) migrate --noinput -v0 || exit 1; \
	$(MANAGE) load_demo -v0 || exit 1; \
	$(MANAGE) collectstatic --noinput -v0 || exit 1; \
	PORT=8765 $(BENCH_GUNICORN) & cached=$$!; \
	BLOGCRAFT_PAGE_CACHE_SECONDS=0 CACHE_DIR=$(BENCH_DIR)/nocache \
		PORT=8766 $(BENCH_GUNICORN) & uncached=$$!; \
	trap 'kill $$cached $$uncached 2>/dev/null' EXIT; \
	for port in 8765 8766; do \
		until (exec 3<>/dev/tcp/127.0.0.1/$$port) 2>/dev/null; do sleep 0.2; done; \
	done; \
	$(MANAGE) bench_pages --url http://127.0.0.1:8765 --uncached-url http://127.0.0.1:8766
	$(MAKE) --no-print-directory bench-growth

# Each page's time, in process with the page cache off, as a scratch copy of the demo
# grows to 100, 1,000 and 10,000 posts (a few minutes; the site's data is untouched).
bench-growth: install
	$(MANAGE) bench_growth

bench-render: install
	$(MANAGE) bench_render

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) $(NODE_TOOLS) staticfiles .pytest_cache test-artifacts
