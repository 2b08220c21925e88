"""Distribution mittelangeln.theme: the Classic UI theme of Amt Mittelangeln,
based on Plone's Barceloneta theme."""

from setuptools import find_packages
from setuptools import setup


SOURCE = "src"

setup(
    name="mittelangeln.theme",
    version="1.0.0.dev0",
    description="Classic UI theme of the Mittelangeln portal, based on Barceloneta",
    license="GPL-2.0-only",
    classifiers=[
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Theme",
        "Programming Language :: Python :: 3.11",
    ],
    package_dir={"": SOURCE},
    packages=find_packages(where=SOURCE),
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11",
    install_requires=["plonetheme.barceloneta", "plone.app.theming"],
    entry_points={"plone.autoinclude.plugin": ["target = plone"]},
)
