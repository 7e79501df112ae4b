"""SIGKILL during saves: the project always loads, and its leftovers go at the next open (issue 13).

A second process holds the project's lock (as the app does) and saves two different versions in a
loop; it is killed at a random moment, again and again. After every kill the file must load and be
one of the two versions. Temporary files a kill left behind are removed by the next open of the
project once they are old enough (here: aged by hand), and only those. LIFTOFF_KILL_ROUNDS sets the
number of kills (default 30; CI runs the default).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.portfolios import realistic
from planner.atomic import STALE_TEMP_SECONDS, remove_stale_temps, temp_pattern
from planner.cli import main
from planner.portfolio import store
from planner.portfolio.lock import holder
from tests.other_process import ROOT

ROUNDS = int(os.environ.get("LIFTOFF_KILL_ROUNDS", "30"))

SAVER = """
import sys
from bench.portfolios import realistic
from planner.portfolio import store
from planner.portfolio.lock import ProjectLock

path = sys.argv[1]
versions = [realistic(60), realistic(90)]
lock = ProjectLock(path, "Liftoff")
lock.acquire()
print("ready", flush=True)
k = 0
while True:
    store.save(versions[k % 2], path)
    k += 1
"""


def _temps(path: Path) -> list[Path]:
    pattern = temp_pattern(path.name)
    return [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]


def _age(paths: list[Path]) -> None:
    old = time.time() - STALE_TEMP_SECONDS - 5
    for p in paths:
        os.utime(p, (old, old))


def test_killed_saves_leave_a_loadable_file_and_no_stray_temp_after_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "killed.liftoff"
    sizes = {len(realistic(60).pilots), len(realistic(90).pilots)}
    store.save(realistic(60), path)
    rng = random.Random(13)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    left_behind = 0
    for _ in range(ROUNDS):
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        assert saver.stdout is not None and saver.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(saver.pid, signal.SIGKILL)
        saver.wait()
        saver.stdout.close()
        assert len(store.load(path).pilots) in sizes  # whole, never half-written
        assert holder(path) is None  # the killed process's lock is stale, not held
        temps = _temps(path)
        left_behind += len(temps)
        assert remove_stale_temps(path) == []  # a fresh file may still be being written: kept
        _age(temps)
        assert sorted(remove_stale_temps(path)) == sorted(temps)
        assert _temps(path) == []
    # the next open through a real command: leftovers of a kill are gone once old enough
    stray = tmp_path / f".{path.name}.abcd1234.tmp"
    stray.write_bytes(b"half a save")
    _age([stray])
    not_ours = tmp_path / f".{path.name}.notours.tmp"  # not our pattern: never touched
    not_ours.write_bytes(b"someone else's")
    _age([not_ours])
    assert main(["snapshot", str(path), "--label", "after the kills"]) == 0
    assert not stray.exists() and not_ours.exists()
    print(f"{ROUNDS} kills, {left_behind} temporary files left behind and removed")
