"""Smoke test of a built bundle: its CLI writes the demo, scores it, exports both documents, and its
app starts offscreen to the first paint of the portfolio's rows.

    python packaging/smoke.py dist/liftoff        # the folder that holds liftoff / liftoff.exe
    python packaging/smoke.py dist/Liftoff.app    # macOS: the app bundle

Any Python 3.11+ runs it (standard library only), and the bundle runs without one: every command
runs in an empty temporary folder, with a home of its own and with ``PYTHONHOME`` and ``PYTHONPATH``
pointing at a decoy ``planner`` package that fails on import, so a bundle that leaned on a Python
environment would fail here. The app reports (through ``LIFTOFF_FIRST_PAINT_REPORT``) where its
code was loaded from, which must be inside the bundle. Ends with ``bundle: N passed, M failed``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

TIMEOUT = 180


def programs(bundle: Path) -> tuple[Path, list[Path]]:
    """The console program (the CLI) and the programs that open the app."""
    if bundle.suffix == ".app":
        folder = bundle / "Contents" / "MacOS"
        return folder / "liftoff", [folder / "liftoffw"]
    exe = ".exe" if os.name == "nt" else ""
    console = bundle / f"liftoff{exe}"
    windowed = bundle / f"liftoffw{exe}"
    return console, [console] + ([windowed] if windowed.exists() else [])


class Smoke:
    def __init__(self, bundle: Path, work: Path) -> None:
        self.bundle = bundle.resolve()
        self.work = work
        self.cli, self.apps = programs(self.bundle)
        decoy = work / "decoy" / "planner"
        decoy.mkdir(parents=True)
        (decoy / "__init__.py").write_text("raise SystemExit('the bundle imported from PYTHONPATH')\n")
        home = work / "home"
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "QT_"))}
        venv_bin = str(Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin"))
        path = os.pathsep.join(p for p in keep.get("PATH", "").split(os.pathsep) if p != venv_bin)
        self.env = keep | {
            "PATH": path,
            "PYTHONPATH": str(work / "decoy"),
            "PYTHONHOME": str(work / "no-python-here"),
            "HOME": str(home),
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "LIFTOFF_RECOVERY_DIR": str(work / "recovery"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.results: list[tuple[str, str | None, float]] = []

    def liftoff(
        self, *args: str, program: Path | None = None, **env: str
    ) -> subprocess.CompletedProcess[str]:
        run = subprocess.run(
            [str(program or self.cli), *args],
            cwd=self.work,
            env=self.env | env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        if run.returncode != 0:
            tail = (run.stderr or run.stdout).strip().splitlines()[-12:]
            raise AssertionError(
                f"liftoff {' '.join(args)} exited {run.returncode}:\n    " + "\n    ".join(tail)
            )
        return run

    def check(self, name: str, test: Callable[[], None]) -> None:
        start = time.perf_counter()
        try:
            test()
            failure = None
        except Exception as exc:  # any failure is reported, and the other checks still run
            failure = f"{type(exc).__name__}: {exc}" if not isinstance(exc, AssertionError) else str(exc)
        seconds = time.perf_counter() - start
        self.results.append((name, failure, seconds))
        print(
            f"{'ok  ' if failure is None else 'FAIL'} {name} ({seconds:.1f} s)"
            + (f"\n    {failure}" if failure else "")
        )
        sys.stdout.flush()

    # the checks, in order; each later one reads the demo the first one wrote

    def demo(self) -> None:
        self.liftoff("demo", "demo.liftoff")
        project = json.loads((self.work / "demo.liftoff").read_text(encoding="utf-8"))
        self.pilots = len(project["pilots"])
        assert self.pilots > 0, "the demo has no pilots"

    def score(self) -> None:
        rows = json.loads(self.liftoff("score", "demo.liftoff", "--format", "json").stdout)["pilots"]
        assert len(rows) == self.pilots, f"{len(rows)} scored rows for {self.pilots} pilots"
        assert sorted(r["rank"] for r in rows) == list(range(1, self.pilots + 1)), "ranks are not 1..n"

    def scorecard(self) -> None:
        self.liftoff("scorecard", "demo.liftoff", "scorecard.xlsx")
        with zipfile.ZipFile(self.work / "scorecard.xlsx") as book:
            sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) >= 5, f"the scorecard has {len(sheets)} sheets"

    def pack(self) -> None:
        self.liftoff("pack", "demo.liftoff", "pack.pdf")
        pdf = (self.work / "pack.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF"), "not a whole PDF"
        assert b"DejaVuSans" in pdf, "the pack's Unicode font (templates/fonts) is not embedded"
        assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 10, "the pack is too short"

    def app(self, program: Path, *args: str) -> None:
        report = self.work / f"paint-{program.stem}-{len(args)}.json"
        self.liftoff(*args, program=program, LIFTOFF_FIRST_PAINT_REPORT=str(report))
        painted = json.loads(report.read_text(encoding="utf-8"))
        assert painted["rows"] == self.pilots, f"{painted['rows']} rows painted for {self.pilots} pilots"
        assert painted["views"] >= 8 and not painted["view_errors"], f"views: {painted['view_errors']}"
        assert painted["frozen"], "the app did not run frozen"
        where = Path(painted["ui"]).resolve()
        inside = self.bundle.parent if self.bundle.suffix == ".app" else self.bundle
        assert where.is_relative_to(inside), f"the app's code came from {where}, outside the bundle"

    def desktop(self) -> None:
        self.liftoff("install-desktop")
        entry = Path(self.env["XDG_DATA_HOME"]) / "applications" / "liftoff.desktop"
        text = entry.read_text(encoding="utf-8")
        assert f"Exec={self.cli}" in text or f'Exec="{self.cli}' in text, (
            "the menu entry runs another program"
        )
        self.liftoff("install-desktop", "--uninstall")
        assert not entry.exists(), "--uninstall left the menu entry"

    def open_file(self) -> None:
        project = self.work / "a project.liftoff"
        project.write_bytes((self.work / "demo.liftoff").read_bytes())
        self.app(self.apps[0], str(project))

    def run(self) -> int:
        self.check("cli: demo", self.demo)
        if not self.results[-1][1]:  # the other checks read the demo
            self.check("cli: score", self.score)
            self.check("cli: scorecard (xlsx)", self.scorecard)
            self.check("cli: pack (pdf)", self.pack)
            for program in self.apps:
                self.check(f"app: {program.name} opens the demo", lambda p=program: self.app(p))
            self.check("app: opens a project file", self.open_file)
            if sys.platform.startswith("linux"):
                self.check("cli: install-desktop and --uninstall", self.desktop)
        failed = sum(1 for _, failure, _ in self.results if failure)
        print(f"bundle: {len(self.results) - failed} passed, {failed} failed")
        return 1 if failed else 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    cli, _ = programs(bundle)
    if not cli.is_file():
        print(
            f"smoke: no bundle at {bundle} ({cli} is missing): build it with `make bundle`", file=sys.stderr
        )
        return 2
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"bundle {bundle}: {size / 1e6:.0f} MB")
    with tempfile.TemporaryDirectory(prefix="liftoff-smoke-") as work:
        return Smoke(bundle, Path(work)).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
