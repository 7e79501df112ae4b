"""Start-up pays only for what the first window shows: the heavy libraries behind other tabs, the
exports and the IRR solver are imported on first use."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_main_window_import_leaves_heavy_libraries_for_later() -> None:
    code = (
        "import sys, ui.main_window\n"
        "heavy = ['scipy.optimize', 'reportlab', 'openpyxl', 'networkx']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
