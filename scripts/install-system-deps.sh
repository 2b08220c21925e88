#!/bin/sh
# Install the Debian packages the portal needs, but only those missing.
# Called by `make run` and `make test`; safe to run again at any time.
set -eu

missing=""
need() {  # need <debian-package> <check command...>
    package=$1; shift
    if ! "$@" >/dev/null 2>&1; then
        missing="$missing $package"
    fi
}

installed() {  # installed <debian-package>
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# The interpreter may not be Debian's own (pyenv, deadsnakes): check what it
# can do rather than which package provides it.
need python3-venv python3 -c "import ensurepip, venv"
need python3-dev sh -c 'test -f "$(python3 -c "import sysconfig; print(sysconfig.get_paths()[\"include\"])")/Python.h"'
need gcc command -v gcc
need make command -v make
# Node.js and npm install axe-core (package-lock.json) for the accessibility
# tests in Chromium. Checked by command: a Node.js from elsewhere brings its
# own npm.
need nodejs command -v node
need npm command -v npm

# collective.documentviewer: qpdf splits, GraphicsMagick renders pages,
# ghostscript backs both, pdftotext extracts text, tesseract does OCR (deu),
# and LibreOffice converts Word/ODF documents to PDF (without it the add-on
# logs an error at every start-up). Chromium and its driver run the browser
# test of the page viewer (tests/dokumente/test_viewer_chromium.py).
# The Posteingang reads separator sheets with zbar (libzbar0, for pyzbar);
# its IMAP intake is tested against a throwaway Dovecot (dovecot-imapd,
# started by the test, never as a system service).
# The Aussonderung hands PDFs over as PDF/A: OCRmyPDF (ocrmypdf) writes the
# PDF/A-2 copy of each file version, OCRing image-only pages with tesseract.
# The full-text search splits German compounds with the word list of
# wngerman (/usr/share/dict/ngerman, fulltext/compounds.py).
# The cluster (`make run-cluster`, its tests and benchmarks) runs the ZODB
# and the shared state in a PostgreSQL of its own (server programs of
# postgresql, started by bin/cluster, never as the system service) behind
# HAProxy (haproxy); runuser (util-linux) runs PostgreSQL as its user.
for package in ghostscript graphicsmagick qpdf poppler-utils tesseract-ocr \
        tesseract-ocr-deu libreoffice-writer-nogui chromium chromium-driver \
        libzbar0 dovecot-imapd ocrmypdf wngerman postgresql haproxy; do
    need "$package" installed "$package"
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "Installing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
else
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086  # word splitting of the package list is wanted
$SUDO apt-get install -y -qq --no-install-recommends $missing
