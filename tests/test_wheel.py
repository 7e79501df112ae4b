"""The built wheel carries the templates: installed outside the source tree, the CLI finds its
method and the demo portfolio from any directory."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_finds_its_templates(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, ROOT],
        check=True,
        timeout=300,
    )
    (wheel,) = dist.glob("liftoff-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "planner/templates/methods/pilot-to-production.json" in names
    assert "planner/templates/demo/demo.liftoff" in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target))
    probe = (
        "import json, planner, ui.launch; print(json.dumps({'planner': planner.__file__}));"
        "raise SystemExit(ui.launch.main(['demo', 'copy.liftoff']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    location = json.loads(result.stdout.splitlines()[0])["planner"]
    assert Path(location).is_relative_to(target), location
    assert (elsewhere / "copy.liftoff").stat().st_size > 1000
