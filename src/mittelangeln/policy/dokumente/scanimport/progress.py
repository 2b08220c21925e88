"""A one-line progress bar with rate and remaining time, for console scripts."""

import sys
import time


WIDTH = 30


class ProgressBar:
    def __init__(self, label, stream=None, clock=time.monotonic):
        self.label = label
        self.stream = stream or sys.stderr
        self.clock = clock
        self.started = clock()

    def __call__(self, done, total):
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = done / elapsed
        remaining = (total - done) / rate if rate else 0
        filled = round(WIDTH * done / total) if total else WIDTH
        bar = "#" * filled + "." * (WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {rate:.1f}/s, ETA {_duration(remaining)}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _duration(seconds):
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"
