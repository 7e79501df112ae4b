"""The workspace on the screens it meets (a 1280×720 projector, a 1366×768 laptop, a 1920×1080 monitor),
in normal and presentation mode, measured by `workspace_probe` in a process whose offscreen screen has
that size: the central view gets at least 60 % of the width at first start, and no decision, score or
header of the portfolio table or the ratings grid is cut."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1280, 720), (1366, 768), (1920, 1080)]


def probe(tmp_path: Path, width: int, height: int) -> dict[str, Any]:
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "s",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "workspace_probe.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_workspace_fits_the_screen_in_normal_and_presentation_mode(
    tmp_path: Path, width: int, height: int
) -> None:
    measured = probe(tmp_path, width, height)
    normal, presenting = measured["normal"], measured["presentation"]
    assert normal["window"][0] <= width and normal["window"][1] <= height
    assert normal["share"] >= 0.6, normal
    assert presenting["share"] >= 0.99 and not presenting["overlay_shown"]  # the editor waits to be asked
    for mode in (normal, presenting):
        assert mode["table"] == [], mode["table"]
        assert mode["ratings"] == [], mode["ratings"]
        tabs = mode["tabs"]
        assert tabs["bar"] == tabs["fit"] and tabs["menu"] == (not tabs["fit"])  # the strip, or the menu
