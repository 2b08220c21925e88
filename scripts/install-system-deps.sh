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

need python3-venv   python3 -c "import ensurepip, venv"
need python3-dev    sh -c 'test -f "$(python3 -c "import sysconfig; print(sysconfig.get_paths()[\"include\"])")/Python.h"'
need gcc            command -v gcc
need make           command -v make
need ghostscript    command -v gs
need graphicsmagick command -v gm
need qpdf           command -v qpdf
need poppler-utils  command -v pdftotext
need tesseract-ocr  command -v tesseract
need tesseract-ocr-deu sh -c 'tesseract --list-langs 2>/dev/null | grep -qx deu'
# collective.documentviewer converts Word/ODF documents to PDF with soffice
# and logs an error at every start-up without it.
need libreoffice-writer-nogui command -v soffice

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
