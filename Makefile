# Mittelangeln portal: the two commands are `make run` and `make test`.
SHELL := /bin/bash
BACKUP_DIR ?= var/backups
# Backups older than this many days are deleted after each backup (never
# the newest; see src/mittelangeln/policy/backup_retention.py).
BACKUP_KEEP_DAYS ?= 14
PYTHON ?= python3
VENV := .venv
BUILDOUT := $(VENV)/bin/buildout
BUILDOUT_SCRIPTS := bin/instance bin/instance-test bin/instance-bench bin/instance-cluster bin/cluster bin/zodbconvert bin/zodbpack bin/repozo bin/import-scans bin/pytest
AXE := node_modules/axe-core/axe.min.js
# Zope shows times in the process's zone (listings, "zuletzt geändert"):
# the Amt's, whatever the server's is.
export TZ := Europe/Berlin

.DELETE_ON_ERROR:
.PHONY: run run-cluster stop-cluster bench-cluster test test-quick lint screenshots system-deps constraints check-constraints backup restore backup-cluster restore-cluster bench-search bench-import bench-api bench-posteingang bench-routing bench-xdomea clean

run: system-deps bin/instance
	mkdir -p var/filestorage var/blobstorage var/instance var/log var/cache var/posteingang/scans var/posteingang/mails
	bin/instance run scripts/create_site.py
	bin/instance console

# The same portal as INSTANCES Zope instances on RelStorage/PostgreSQL behind
# HAProxy, data in var/cluster/ (docs/cluster.md). Starts PostgreSQL and
# HAProxy unless they run, creates the site if missing, serves at
# http://localhost:8080 until Ctrl-C and then stops what it started.
INSTANCES ?= 2
run-cluster: system-deps bin/cluster
	bin/cluster run --instances $(INSTANCES)

# Stops a cluster started in the background (`bin/cluster start`).
stop-cluster: bin/cluster
	bin/cluster stop

# Two pytest-xdist workers, a module at a time (tests/conftest.py groups
# them); TEST_WORKERS=0 runs everything in one process. The 40 slowest
# tests are listed at the end, to keep the run's time in view.
TEST_WORKERS ?= 2
test: system-deps bin/pytest lint $(AXE)
	bin/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=40

# The quick tier: everything but Chromium, started portals and OCR (a few minutes).
test-quick: system-deps bin/pytest lint
	bin/pytest -m "not browser and not process and not ocr"

# Style and import order (ruff.toml); the import direction is a test
# (tests/architecture/test_layers.py).
# Screenshots of the main screens for the README (docs/screenshots/), made by
# the browser test tests/theme/test_screenshots.py in Chromium.
screenshots: bin/pytest
	MITTELANGELN_SCREENSHOTS=$(CURDIR)/docs/screenshots bin/pytest tests/theme/test_screenshots.py -q -p no:cacheprovider

lint: $(BUILDOUT)
	$(VENV)/bin/ruff check src themes tests scripts benchmarks

# Debian packages (ghostscript, graphicsmagick, qpdf, poppler, tesseract ...).
system-deps:
	scripts/install-system-deps.sh

$(BUILDOUT): constraints.txt | system-deps
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -c constraints.txt pip setuptools wheel zc.buildout packaging ruff
	touch $@

$(BUILDOUT_SCRIPTS) &: $(BUILDOUT) buildout.cfg versions.cfg setup.py | system-deps
	# plone.recipe.zope2instance asks for an initial user; empty answers
	# skip it, because scripts/create_site.py manages the admin account.
	yes "" | $(BUILDOUT)
	for script in $(BUILDOUT_SCRIPTS); do test -x $$script || exit 1; done
	touch $(BUILDOUT_SCRIPTS)

# Data backup with repozo plus a blob snapshot; restore the latest or DATE=...
backup: bin/instance
	BACKUP_KEEP_DAYS=$(BACKUP_KEEP_DAYS) scripts/backup.sh var $(BACKUP_DIR)

restore: bin/instance
	scripts/restore.sh var $(BACKUP_DIR) $(DATE)

# The cluster's backup: pg_dump of both its databases into
# $(BACKUP_DIR)/cluster/<time>/ (safe while it runs); restore the latest
# or DATE=... with the cluster stopped (src/mittelangeln/policy/cluster/backup.py).
backup-cluster: bin/cluster
	bin/cluster --backup-dir $(BACKUP_DIR)/cluster --keep-days $(BACKUP_KEEP_DAYS) backup

restore-cluster: bin/cluster
	bin/cluster --backup-dir $(BACKUP_DIR)/cluster $(if $(DATE),--date $(DATE)) restore

# Benchmarks: a fresh database in var/bench/ each time; see benchmarks/ (shared code in harness*.py).
# The search benchmark on both storages, each on a fresh database: the
# embedded FileStorage (var/bench/), then RelStorage on a PostgreSQL of its
# own (var/bench-cluster/, started and stopped by bin/cluster script).
# BENCH_STORAGES=embedded or =cluster runs one of them.
BENCH_STORAGES ?= embedded cluster
BENCH_CLUSTER := --var var/bench-cluster --http-port 18690 --postgres-port 15437
bench-search: system-deps bin/instance-bench bin/cluster
	if [[ " $(BENCH_STORAGES) " == *" embedded "* ]]; then \
	    rm -rf var/bench/filestorage var/bench/blobstorage && \
	    mkdir -p var/bench/filestorage var/bench/blobstorage var/bench/instance-bench var/bench/log var/bench/cache && \
	    bin/instance-bench run benchmarks/search.py $(BENCH_ARGS); fi
	if [[ " $(BENCH_STORAGES) " == *" cluster "* ]]; then \
	    bin/cluster $(BENCH_CLUSTER) stop && rm -rf var/bench-cluster && \
	    bin/cluster $(BENCH_CLUSTER) script benchmarks/search.py $(BENCH_ARGS); fi

bench-import: system-deps bin/instance-bench
	rm -rf var/bench/filestorage var/bench/blobstorage
	mkdir -p var/bench/filestorage var/bench/blobstorage var/bench/instance-bench var/bench/log var/bench/cache
	bin/instance-bench run benchmarks/import_scans.py $(BENCH_ARGS)

# A mixed workload (feed, search, Akte views, downloads, writes) through
# HAProxy with 1 and then 2 instances on RelStorage, in a cluster of its own
# (var/bench-cluster-load/); see benchmarks/cluster.py.
bench-cluster: system-deps bin/cluster
	parts/instance-cluster/bin/interpreter benchmarks/cluster.py $(BENCH_ARGS)

# The Posteingang: the list's p95 latency with 50,000 Eingänge, intake throughput
# of 500 e-mails and a 200-page separator batch (benchmarks/posteingang.py).
bench-posteingang: system-deps bin/instance-bench
	rm -rf var/bench/filestorage var/bench/blobstorage
	mkdir -p var/bench/filestorage var/bench/blobstorage var/bench/instance-bench var/bench/log var/bench/cache
	bin/instance-bench run benchmarks/posteingang.py $(BENCH_ARGS)

# The xdomea 0503 hand-over for 500 Akten with 10,000 Dokumente: time and peak
# memory against a plain ZIP of the same files (benchmarks/xdomea.py).
bench-xdomea: system-deps bin/instance-bench
	rm -rf var/bench/filestorage var/bench/blobstorage
	mkdir -p var/bench/filestorage var/bench/blobstorage var/bench/instance-bench var/bench/log var/bench/cache
	bin/instance-bench run benchmarks/xdomea.py $(BENCH_ARGS)

# The homepage feed against @search; builds var/bench/ unless BENCH_ARGS=--reuse
# finds it built, and starts and stops bin/instance-bench itself.
bench-api: system-deps bin/instance-bench
	$(VENV)/bin/python benchmarks/api.py $(BENCH_ARGS)

# Accuracy of the routing suggestion on a generated history (no site needed).
bench-routing: bin/instance-bench
	bin/instance-bench run benchmarks/routing_accuracy.py $(BENCH_ARGS)

# axe-core for the accessibility tests in Chromium, pinned exactly in
# package.json and package-lock.json (test tool only, nothing the portal serves).
$(AXE): package.json package-lock.json | system-deps
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# versions.cfg is the single source of pins; constraints.txt follows it.
constraints:
	$(VENV)/bin/python scripts/generate_constraints.py

check-constraints: $(BUILDOUT)
	$(VENV)/bin/python scripts/generate_constraints.py --check

clean:
	rm -rf $(VENV) bin develop-eggs eggs parts .installed.cfg .pytest_cache node_modules
