"""The CLI entry: a closed pipe ends quietly (as `head` expects), with no error on stderr."""

import subprocess
import sys
from pathlib import Path

from planner.resources import templates_dir

ROOT = Path(__file__).resolve().parent.parent


def test_closed_pipe_is_quiet() -> None:
    demo = templates_dir() / "demo" / "demo.liftoff"
    reader = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "score", str(demo), "--format", "csv"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # like `head -c 10`
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 0
    assert "Broken pipe" not in err and "Traceback" not in err
