import pathlib
import sys

# portal_process.py lives next to the tests that use it.
sys.path.insert(0, str(pathlib.Path(__file__).parent))
