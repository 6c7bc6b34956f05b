"""The `imgtui` console script (and `python -m imgtui`)."""

import sys

from .startup import pause_garbage_collection


def main() -> None:
    pause_garbage_collection()  # see startup.py
    from .cli import main as run

    sys.exit(run())
