# Foreign Policy Archive — set-up, serving and tests.
#   make serve   create .venv, install, migrate, import seeds/, index, collect static, run gunicorn
#   make test    install what the tests need (chromium too, when root) and run every test
#   make bench   benchmarks (SIZE=1000 by default)

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 2
SIZE ?= 1000
export ARCHIVE_DATA_DIR ?= $(CURDIR)/var

.PHONY: serve setup venv data chromium test lint bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

data: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_articles seeds/ --quiet
	$(PY) manage.py check_index --fix
	$(PY) manage.py collectstatic --noinput --verbosity 0

setup: data

serve: setup
	@echo "Serving the archive on http://127.0.0.1:$(PORT)/"
	$(VENV)/bin/gunicorn archive.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile - --log-level warning

# Browser tests need Debian's chromium; as root it is installed when missing.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium package (apt-get install chromium)"; exit 1; fi; \
	fi

test: venv chromium
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: venv
	$(PY) bench/run.py --size $(SIZE)

clean:
	rm -rf $(VENV) var .pytest_cache
