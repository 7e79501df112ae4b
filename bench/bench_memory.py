"""Peak memory of ``liftoff validate`` and ``liftoff score`` on a large project (issue 13: ≤ 250 MB).

Run: ``PYTHONPATH=. .venv/bin/python bench/bench_memory.py [PILOTS] [STAKEHOLDERS]`` (default 5,000
and 2,000, ``bench.portfolios.realistic``). Each command runs in a fresh process and its peak resident
memory is read back from the operating system (``ru_maxrss`` of the child). The baseline, measured in
the same run, is a bare Python process that reads the same file with ``json.load``: the ratio says how
much the validated model and the scores cost on top of the raw data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.portfolios import realistic
from planner.portfolio import store

ROOT = Path(__file__).resolve().parents[1]
_MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(peak * (1 if sys.platform == "darwin" else 1024))
"""


def peak_mb(*command: str) -> float:
    """Peak resident memory of `command` in its own process, in MB."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    return int(out.stdout.strip()) / 2**20


def main() -> None:
    pilots = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.liftoff"
        store.save(realistic(pilots, stakeholders=people), path, backup=False)
        size = path.stat().st_size / 2**20
        baseline = peak_mb(sys.executable, "-c", f"import json; json.load(open({str(path)!r}, 'rb'))")
        results = {
            command: peak_mb(sys.executable, "-m", "planner.cli", command, str(path))
            for command in ("validate", "score")
        }
    print(f"peak memory, {pilots:,} pilots and {people:,} stakeholders ({size:.1f} MB project file)")
    print(f"  python + json.load {baseline:7.1f} MB (baseline)")
    for command, mb in results.items():
        print(f"  liftoff {command:9} {mb:7.1f} MB  ({mb / baseline:.2f}× baseline; target ≤ 250 MB)")


if __name__ == "__main__":
    main()
