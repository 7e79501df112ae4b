"""The planner library works with no Qt installed: importing every module and running a CLI command
must never touch PySide6/shiboken6 (import-linter checks the static imports; this checks runtime)."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BLOCK_QT = textwrap.dedent(
    """
    import importlib.abc, pkgutil, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "ui"):
                raise ImportError(f"{name} is not installed (blocked by the layering test)")
            return None

    sys.meta_path.insert(0, NoQt())
    import planner
    for info in pkgutil.walk_packages(planner.__path__, "planner."):
        if not info.name.endswith(".__main__"):
            __import__(info.name)
    """
)


def test_every_planner_module_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_cli_runs_without_qt(tmp_path: Path) -> None:
    out = tmp_path / "demo.liftoff"
    code = BLOCK_QT + textwrap.dedent(
        f"""
        from planner.cli import main
        assert main(["demo", {str(out)!r}]) == 0
        assert main(["score", {str(out)!r}, "--format", "json"]) == 0
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
