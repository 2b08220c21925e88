"""The arguments of a script that `bin/instance run SCRIPT ARGS...` runs.

Such a script sees sys.argv as [interpreter, "-c", SCRIPT, ARGS...] (the
recipe's wrapper), or as [SCRIPT, ARGS...] when started otherwise.
"""

import os


def script_args(argv, script_name):
    """Everything after the script's own path in argv."""
    for index, arg in enumerate(argv):
        if os.path.basename(arg) == script_name:
            return argv[index + 1 :]
    return []
