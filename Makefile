# The two commands of the README: `make run` and `make test`. Both create .venv as needed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The lock (README, "Dependencies"): every package pinned with its hashes, generated from
# pyproject.toml's ranges; the dev lock holds the runtime one's pins and the dev extra.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-find-links --no-emit-index-url

.PHONY: install run test test-fast quality fix clean bench lock upgrade audit

$(STAMP): requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# The same suite on both cores (pytest-xdist: one test database and one demo per worker).
test-fast: $(STAMP)
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

# Re-resolve the lock after a change of pyproject.toml's ranges, keeping the current pins.
lock: $(STAMP)
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --extra dev -o requirements/dev.txt pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) -c requirements/dev.txt -o requirements/base.txt pyproject.toml

# Take the newest releases that pyproject.toml's ranges allow (PACKAGE=name for one only);
# then `make test`, read the changelogs, commit the lock.
upgrade: $(STAMP)
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) --extra dev -o requirements/dev.txt \
		$(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade) pyproject.toml
	$(VENV)/bin/pip-compile $(LOCK_FLAGS) -c requirements/dev.txt -o requirements/base.txt \
		$(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade) pyproject.toml

# Known vulnerabilities of the locked versions (needs the advisory service: network).
audit: $(STAMP)
	$(VENV)/bin/pip-audit --strict --require-hashes --disable-pip -r requirements/dev.txt

# The benchmark of issue 10 (README, "Benchmark"): BENCH_SCALE=2 BENCH_DURATION=3 for a quick run.
bench: $(STAMP)
	$(PY) bench/run.py

quality: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djlint templates --lint
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

fix: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) build *.egg-info
