"""What the benchmark scripts share; standard library only, so that the HTTP
clients of bench_api.py can use it outside the portal.

Scripts run by `bin/instance run SCRIPT ARGS...` see sys.argv as
[interpreter, "-c", SCRIPT, ARGS...] (the recipe's wrapper).
"""

import math
import os
import sys


def script_args(argv, script_name):
    """Everything after the script's own path in argv (argv[1:] if absent)."""
    for index, arg in enumerate(argv):
        if os.path.basename(arg) == script_name:
            return argv[index + 1 :]
    return argv[1:]


def log(message):
    """Progress goes to stderr, the report to stdout."""
    print(message, file=sys.stderr, flush=True)


def hms(seconds):
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m{seconds % 60:02d}s"
    return f"{seconds // 60}m{seconds % 60:02d}s"


def percentile(values, fraction):
    """Nearest rank; NaN without values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else float("nan")
