# Mittelangeln portal: the two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BUILDOUT := $(VENV)/bin/buildout

.DELETE_ON_ERROR:
.PHONY: run test system-deps constraints check-constraints clean

run: bin/instance
	mkdir -p var/filestorage var/blobstorage var/instance var/log var/cache
	bin/instance run scripts/create_site.py
	bin/instance fg

test: bin/pytest
	bin/pytest

# Debian packages (ghostscript, graphicsmagick, qpdf, poppler, tesseract ...).
system-deps:
	scripts/install-system-deps.sh

$(BUILDOUT): constraints.txt
	$(MAKE) system-deps
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -c constraints.txt pip setuptools wheel zc.buildout packaging
	touch $@

bin/instance bin/pytest &: $(BUILDOUT) buildout.cfg versions.cfg setup.py
	$(MAKE) system-deps
	# plone.recipe.zope2instance asks for an initial user; empty answers
	# skip it, because scripts/create_site.py manages the admin account.
	yes "" | $(BUILDOUT)
	test -x bin/instance && test -x bin/pytest
	touch bin/instance bin/pytest

# versions.cfg is the single source of pins; constraints.txt follows it.
constraints:
	$(VENV)/bin/python scripts/generate_constraints.py

check-constraints: $(BUILDOUT)
	$(VENV)/bin/python scripts/generate_constraints.py --check

clean:
	rm -rf $(VENV) bin develop-eggs eggs parts .installed.cfg .pytest_cache
