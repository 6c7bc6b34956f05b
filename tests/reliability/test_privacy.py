"""Nothing leaves the machine: no network code, and no socket opened by a run."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import imgtui

SOURCE = Path(imgtui.__file__).parent
NETWORK_MODULES = {"socket", "ssl", "http", "urllib", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
                   "telnetlib", "xmlrpc", "websockets"}


def test_no_network_imports_in_the_source():
    for file in SOURCE.rglob("*.py"):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in NETWORK_MODULES, f"{file}: imports {name}"


def test_status_opens_no_socket(isolated_config: Path):
    guard = (
        "import socket\n"
        "def refuse(*a, **k):\n    raise SystemExit('imgtui tried to open a socket')\n"
        "socket.socket = refuse\nsocket.create_connection = refuse\n"
        "import sys\nfrom imgtui.cli import main\n"
        "sys.exit(main(['status', '--json']) or main(['stats', '--json']) or main(['calendar']))\n"
    )
    result = subprocess.run([sys.executable, "-c", guard], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
