"""Generate a scan-service delivery for trying out bin/import-scans.

    bin/instance run scripts/make_delivery.py DIRECTORY [--documents N] [--pages N] [--seed S]

Image-only PDFs of building-file pages (letters, forms, structural notes;
slightly skewed and blurred) and their manifest.csv; the rows file into new
Bauakten under Aktenplan position 632.1, which the demo Aktenplan has. The
example in examples/scan-delivery/ was made with --documents 3 --pages 2.
"""

import argparse
import sys

from mittelangeln.policy.dokumente.scanimport.generator import write_delivery


script = next(i for i, arg in enumerate(sys.argv) if arg.endswith("make_delivery.py"))
parser = argparse.ArgumentParser(prog="make_delivery.py")
parser.add_argument("directory")
parser.add_argument("--documents", type=int, default=3)
parser.add_argument("--pages", type=int, default=2)
parser.add_argument("--seed", type=int, default=1)
options = parser.parse_args(sys.argv[script + 1 :])
truth = write_delivery(options.directory, options.documents, options.pages, options.seed)
for path, pages in truth.items():
    for number, words in enumerate(pages, start=1):
        print(f"{path} page {number}: {' '.join(words)}")
