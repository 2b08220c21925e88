"""Distribution mittelangeln.policy: the Mittelangeln portal's policy add-on."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup

HERE = Path(__file__).parent
SOURCE = "src"

setup(
    name="mittelangeln.policy",
    version="1.0.0.dev0",
    description="Intranet and E-Akte portal for Amt Mittelangeln, built on Plone 6.2",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="GPL-2.0-only",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
    ],
    package_dir={"": SOURCE},
    packages=find_packages(where=SOURCE),
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=[
        "Plone",
        "plone.api",
        "plone.restapi",
        "collective.documentviewer",
        # The Amt's Classic UI theme, in themes/mittelangeln.theme.
        "mittelangeln.theme",
        # repoze.catalog (a dependency of collective.documentviewer) imports
        # six without declaring it.
        "six",
        # Posteingang: separator sheets (QR code) are read with zbar and
        # printed with segno; the routing suggestion is a scikit-learn model.
        "pyzbar",
        "scikit-learn",
        "segno",
        # German full text: Snowball stems (fulltext/german.py); highlighted
        # snippets are Markup (fulltext/matching.py).
        "PyStemmer",
        "MarkupSafe",
        # The cluster: ZODB on PostgreSQL (RelStorage) and the shared state
        # tables (state_db.py) through psycopg2.
        "RelStorage",
        "psycopg2-binary",
    ],
    extras_require={
        "test": [
            "aiosmtpd",
            "plone.app.testing",
            "plone.testing",
            "pytest",
            "pytest-plone",
            "pytest-xdist",
            "packaging",
            "schemathesis",
            "selenium",
        ],
    },
    entry_points={
        "plone.autoinclude.plugin": ["target = plone"],
        "console_scripts": [
            "import-scans = mittelangeln.policy.dokumente.scanimport.cli:main",
            "cluster = mittelangeln.policy.cluster.cli:main",
        ],
    },
)
