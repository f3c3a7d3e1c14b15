# Relationship Communication Wiki. `make run` to use it, `make test` to test it.
SHELL := /bin/bash
PYTHON_BIN ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_CONCURRENCY ?= 2
# `make run` without Redis: one worker, since several would each keep their own page cache and
# count rate limits alone. Set REDIS_URL, or WEB_CONCURRENCY yourself, for more.
ifeq ($(origin WEB_CONCURRENCY)$(REDIS_URL),file)
RUN_WORKERS := 1
else
RUN_WORKERS := $(WEB_CONCURRENCY)
endif

.PHONY: lock run dev serve serve-stack test test-fast lint typecheck check-content bench install install-dev messages translations prepare clean

# Installs exactly the locked packages, each checked against its hash (see `make lock`).
$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@

# Refresh the locks from requirements.in and requirements-dev.in (after changing a pin there):
# every package, transitive ones included, pinned with its hashes. Then `make test`.
lock: $(VENV)/.dev
	$(VENV)/bin/uv pip compile requirements.in --generate-hashes --python-version 3.11 --quiet \
		--custom-compile-command "make lock" -o requirements.txt
	$(VENV)/bin/uv pip compile requirements-dev.in --generate-hashes --python-version 3.11 --quiet \
		--custom-compile-command "make lock" -o requirements-dev.txt

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

install: $(VENV)/.runtime
	@bin/system-deps run

install-dev: $(VENV)/.dev
	@bin/system-deps test
	@$(MAKE) --no-print-directory node_modules/.installed

messages: install
	@$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

# After changing interface text: refresh locale/zh_Hans/LC_MESSAGES/django.po (templates, Python)
# and djangojs.po (core/static/js), translate the new entries, then `make messages`.
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=bench --ignore=tests
translations: install
	$(PY) manage.py makemessages -l zh_Hans --no-obsolete $(MAKEMESSAGES_IGNORE)
	$(PY) manage.py makemessages -d djangojs -l zh_Hans --no-obsolete $(MAKEMESSAGES_IGNORE)

# Migrate, load the bundled content and collect static files: everything `run` needs.
prepare: messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py content load
	$(PY) manage.py collectstatic --noinput -v 0

run: prepare
	@echo "Serving on http://$(HOST):$(PORT)/"
	@# No access log: request paths hold private report tokens and what readers searched for.
	$(VENV)/bin/gunicorn config.wsgi -c config/gunicorn.py --bind $(HOST):$(PORT) --workers $(RUN_WORKERS) \
		--forwarded-allow-ips=127.0.0.1

# Production-style: one of several stateless app servers. Reads DATABASE_URL, REDIS_URL,
# SECRET_KEY, PRODUCTION, ALLOWED_HOSTS, WEB_CONCURRENCY from the environment (see README).
serve: prepare
	$(VENV)/bin/gunicorn config.wsgi -c config/gunicorn.py --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) \
		--timeout 30 --graceful-timeout 30 --max-requests 5000 --max-requests-jitter 500 \
		--forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# The production stack on this machine: nginx (deploy/nginx.conf) in front of APP_SERVERS app
# servers; Ctrl-C stops them all. Settings: deploy/serve-stack; what each piece does: deploy/README.md.
serve-stack: prepare
	@bin/system-deps stack
	deploy/serve-stack

# Editors' preview: Django's auto-reloading server; pages are never cached in DEBUG.
dev: messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py content load
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

check-content: install
	$(PY) manage.py content check

# Exactly what CI runs before the tests (and what the pre-commit hooks run).
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	TESTING=1 $(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports
	$(PY) manage.py content check

typecheck: $(VENV)/.dev
	TESTING=1 $(VENV)/bin/mypy .

# The suite runs in TEST_WORKERS processes (pytest-xdist, one per core here); the tests that
# start real servers keep to one of them (their xdist_group). TEST_WORKERS=0 runs it in one.
TEST_WORKERS ?= 2
PYTEST := TESTING=1 $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup

# Static files are collected before the tests start: the tests that start real servers use them,
# and collecting while other test processes read them would pull files from under them.
test: install-dev messages
	$(PY) manage.py collectstatic --noinput -v 0
	$(PYTEST) $(PYTEST_ARGS)

# Unit and page tests: no browser, no real servers.
test-fast: install-dev messages
	$(PYTEST) -m "not browser and not stack" $(PYTEST_ARGS)

bench: prepare
	@bin/system-deps bench
	$(PY) bench/http_bench.py
	$(PY) bench/submit_bench.py sqlite
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then $(PY) bench/submit_bench.py postgres; \
	 else echo "PostgreSQL is not running on 127.0.0.1:5432: skipping its submission benchmark"; fi
	$(PY) bench/image_bench.py
	$(PY) bench/stability_bench.py
	$(PY) bench/search_bench.py sqlite
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then $(PY) bench/search_bench.py postgres; fi
	cd bench/lighthouse && npm ci --no-audit --no-fund --silent
	$(PY) bench/lighthouse_bench.py
	$(PY) bench/load_bench.py sqlite
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then \
	 $(PY) bench/load_bench.py postgres; fi
	$(PY) bench/stack_bench.py
	$(PY) bench/slow_clients_bench.py
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then $(PY) bench/fault_bench.py; \
	 else echo "PostgreSQL is not running on 127.0.0.1:5432: skipping the fault benchmark"; fi

clean:
	rm -rf $(VENV) node_modules staticfiles var
