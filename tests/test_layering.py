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


def test_no_import_cycle_inside_planner() -> None:
    """The floors are checked by import-linter; this adds that no modules import each other at all,
    within a floor too (lazy imports inside functions count)."""
    import grimp
    import networkx as nx

    graph = grimp.build_graph("planner")
    imports = nx.DiGraph(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
    )
    cycles = [" -> ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(imports)]
    assert not cycles, "import cycles: " + "; ".join(cycles[:5])


def test_planner_modules_stay_small() -> None:
    """Modules are split near 450 lines (docs/CONTRIBUTING.md), so each one reads in a sitting."""
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "planner").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 480
    }
    assert not long, f"split these modules: {long}"
