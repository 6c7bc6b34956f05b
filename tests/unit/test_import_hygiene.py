"""The domain never imports the UI, and `imgtui status` never pays for Textual."""

import subprocess
from pathlib import Path
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_domain_imports_neither_textual_nor_rich():
    modules = _modules_after("import imgtui.domain.summary, imgtui.domain.matrix, imgtui.domain.timeline, imgtui.domain.stats")
    assert not {m for m in modules if m.split(".")[0] in ("textual", "rich")}


def test_status_path_does_not_import_textual():
    modules = _modules_after("import imgtui.cli, imgtui.cli.status, imgtui.cli.programs, imgtui.session, imgtui.catalog")
    assert not {m for m in modules if m.split(".")[0] == "textual"}


def test_no_module_imports_another_that_imports_it_back():
    """Directly or through others, function-level imports included (scripts/import_graph.py)."""
    script = Path(__file__).parents[2] / "scripts" / "import_graph.py"
    result = subprocess.run([sys.executable, str(script), "--cycles"], capture_output=True, text=True,
                            cwd=script.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 cycle(s)" in result.stdout
