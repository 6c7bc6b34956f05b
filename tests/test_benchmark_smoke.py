"""The benchmark runs end to end (a smoke test: no wall-clock number is asserted)."""

import subprocess
import sys
from pathlib import Path

import pytest

from .e2e.terminal import installed_imgtui

pytestmark = pytest.mark.e2e


def test_benchmark_quick_run_prints_every_measure():
    installed_imgtui()  # fails clearly when the package is not installed
    script = Path(__file__).parents[1] / "benchmarks" / "run.py"
    result = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for measure in ("first paint ratio", "key → repaint", "idle output", "peak RSS", "`imgtui status`",
                    "import 5,000 programs", "filter keystroke", "interview conflict check", "rank-list move"):
        assert measure in result.stdout
