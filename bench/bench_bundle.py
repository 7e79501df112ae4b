"""Bundle benchmarks (not timed tests): run ``.venv/bin/python bench/bench_bundle.py`` from the
repository root after ``make bundle`` (and once ``make run`` or ``make test`` has set up ``.venv``).

1. Size of dist/liftoff: on disk, as a .tar.gz download, and its largest parts.
2. Cold start to rows on screen: a fresh process of the bundled ``liftoff`` against the same start
   from the virtual environment (``.venv/bin/liftoff``), interleaved, opening a realistic portfolio
   (``bench.portfolios.realistic``) of 300 pilots, and the demo. Each start reports the moment the
   portfolio table paints its rows (``LIFTOFF_FIRST_PAINT_REPORT``). Target: bundle ≤ 1.3 × venv.
3. ``make run`` on a second start: ``make -s run ARGS=--help`` against ``.venv/bin/liftoff --help``,
   interleaved; the difference is what make, the bootstrap and its stamp check add before the app
   (or here, the CLI) starts. Target ≤ 0.3 s.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BUNDLE = ROOT / "dist" / "liftoff"
EXE = ".exe" if os.name == "nt" else ""
BUNDLED = BUNDLE / f"liftoff{EXE}"
VENV_LIFTOFF = ROOT / ".venv" / ("Scripts" if os.name == "nt" else "bin") / f"liftoff{EXE}"


def size_report() -> dict[str, float]:
    files = [f for f in BUNDLE.rglob("*") if f.is_file() and not f.is_symlink()]
    total = sum(f.stat().st_size for f in files)
    parts: dict[str, int] = {}
    for f in files:
        top = f.relative_to(BUNDLE).parts
        key = "/".join(top[:2]) if top[0] == "_internal" and len(top) > 2 else top[0]
        parts[key] = parts.get(key, 0) + f.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        archive = shutil.make_archive(str(Path(tmp) / "liftoff"), "gztar", BUNDLE.parent, BUNDLE.name)
        packed = Path(archive).stat().st_size
    print("largest parts of the bundle (MB):")
    for key, size in sorted(parts.items(), key=lambda kv: -kv[1])[:10]:
        print(f"    {key:40s} {size / 1e6:8.1f}")
    return {"bundle_mb": total / 1e6, "bundle_tar_gz_mb": packed / 1e6, "bundle_files": len(files)}


def rows_painted_s(program: Path, args: list[str], work: Path) -> float:
    """Seconds from spawning `program` to the first paint of the portfolio's rows."""
    report = work / "paint.json"
    report.unlink(missing_ok=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LIFTOFF_FIRST_PAINT_REPORT=str(report),
        LIFTOFF_RECOVERY_DIR=str(work / "recovery"),
        XDG_CONFIG_HOME=str(work / "config"),
    )
    start = time.time()
    subprocess.run([str(program), *args], cwd=work, env=env, capture_output=True, timeout=300, check=True)
    painted = json.loads(report.read_text(encoding="utf-8"))
    assert painted["rows"] > 0
    return float(painted["painted_at"]) - start


def cold_start(runs: int = 7) -> dict[str, float]:
    from bench.portfolios import realistic
    from planner.portfolio.store import save

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = work / "portfolio-300.liftoff"
        save(realistic(300), project)
        for label, args in (("300 pilots", [str(project)]), ("demo", [])):
            bundled, venv = [], []
            for _ in range(runs):  # interleaved, so both see the same machine state
                bundled.append(rows_painted_s(BUNDLED, args, work))
                venv.append(rows_painted_s(VENV_LIFTOFF, args, work))
            b, v = statistics.median(bundled), statistics.median(venv)
            results |= {f"{label}: bundle_s": b, f"{label}: venv_s": v, f"{label}: ratio": b / v}
    return results


def make_run_overhead(runs: int = 15) -> dict[str, float]:
    def seconds(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120, check=True)
        return time.perf_counter() - start

    seconds(["make", "-s", "run", "ARGS=--help"])  # a first start installs if needed: not measured
    through_make, direct = [], []
    for _ in range(runs):
        through_make.append(seconds(["make", "-s", "run", "ARGS=--help"]))
        direct.append(seconds([str(VENV_LIFTOFF), "--help"]))
    m, d = statistics.median(through_make), statistics.median(direct)
    return {"make run --help s": m, "liftoff --help s": d, "make run overhead s": m - d}


def main() -> int:
    if not BUNDLED.is_file() or not VENV_LIFTOFF.is_file():
        sys.exit("build the bundle first (make bundle), which also sets up .venv")
    print(f"{'load average (1 min)':32s} {os.getloadavg()[0]:10.2f}   cores: {os.cpu_count()}")
    for key, value in (size_report() | cold_start() | make_run_overhead()).items():
        print(f"{key:32s} {value:10.2f}")
    print(f"{'target ratio (bundle / venv)':32s} {1.3:10.2f}")
    print(f"{'target make run overhead s':32s} {0.3:10.2f}")
    print(f"{'load average (1 min), after':32s} {os.getloadavg()[0]:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
