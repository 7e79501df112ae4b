"""Files, safety and recovery: save/reopen, autosave and crash recovery, corrupt files, locks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import Prompts
from tests.ui.factory import portfolio
from ui import commands
from ui.files import AUTOSAVE_MS, RECOVERY_SUFFIX, load_portfolio
from ui.main_window import MainWindow

Make = Callable[..., MainWindow]


def test_save_then_reopen_is_identical_and_title_tracks_state(make_window: Make, tmp_path: Path) -> None:
    win = make_window(portfolio(6))
    win.doc.push(commands.set_rating(win.doc, "P-02", "mlops", 5))
    assert win.isWindowModified()
    path = tmp_path / "portfolio.liftoff"
    assert win.save_to(path)
    assert not win.isWindowModified()
    assert win.windowTitle().startswith("portfolio.liftoff")
    saved = win.doc.portfolio
    win.guard.release_project()

    other = make_window()
    assert other.open_path(path)
    assert other.doc.portfolio.model_dump() == saved.model_dump()
    assert other.doc.path == path and not other.doc.is_modified()


def test_autosave_within_two_seconds_and_recovery_after_crash(
    make_window: Make, qtbot: QtBot, tmp_path: Path, asked: Prompts
) -> None:
    assert AUTOSAVE_MS <= 2000
    first = make_window(portfolio(6))
    first.doc.push(commands.set_rating(first.doc, "P-01", "kpi_clarity", 0))
    first.doc.push(commands.move_stage(first.doc, "P-03", "production"))
    edited = first.doc.portfolio.model_dump()
    recovery = first.guard.recovery_path
    qtbot.waitUntil(recovery.exists, timeout=2000)

    # Crash: the process dies, so its session lock goes with it and nothing is cleaned up.
    first.guard._session_lock.release()
    first.guard.timer.stop()
    first.doc.undo_stack.clear()  # state discarded; nothing of the first window is used again

    second = make_window()
    assert second.offer_recovery()
    assert len(asked.recover_asked) == 1 and "unsaved project" in asked.recover_asked[0][0]
    assert second.doc.portfolio.model_dump() == edited
    assert second.doc.is_modified()  # recovered work still needs a save
    assert not recovery.exists()  # the old session's files are gone once restored


def test_running_session_recovery_is_not_offered(make_window: Make, qtbot: QtBot, asked: Prompts) -> None:
    first = make_window(portfolio(3))
    first.doc.push(commands.set_rating(first.doc, "P-01", "mlops", 1))
    first.guard.autosave(blocking=True)
    assert first.guard.recovery_path.exists()
    second = make_window()
    assert not second.offer_recovery()
    assert asked.recover_asked == []


def test_clean_save_removes_recovery_file(make_window: Make, tmp_path: Path) -> None:
    win = make_window(portfolio(3))
    win.doc.push(commands.set_rating(win.doc, "P-01", "mlops", 1))
    win.guard.autosave(blocking=True)
    assert list((tmp_path / "recovery").glob(f"*{RECOVERY_SUFFIX}"))
    assert win.save_to(tmp_path / "p.liftoff")
    assert not list((tmp_path / "recovery").glob(f"*{RECOVERY_SUFFIX}"))


def test_corrupt_file_shows_error_and_keeps_document(
    make_window: Make, tmp_path: Path, asked: Prompts
) -> None:
    win = make_window(portfolio(4))
    win.doc.push(commands.set_rating(win.doc, "P-01", "mlops", 2))
    before = win.doc.portfolio
    bad = tmp_path / "broken.liftoff"
    bad.write_text('{"schema_version": 1, "pilots": [{"id": "X"', encoding="utf-8")
    asked.save_answer = "discard"
    assert not win.open_path(bad)
    assert len(asked.errors) == 1
    title, message = asked.errors[0]
    assert title == "Cannot open project"
    assert "broken.liftoff" in message
    assert win.doc.portfolio is before and win.doc.is_modified()


def test_failed_save_keeps_document_modified(make_window: Make, tmp_path: Path, asked: Prompts) -> None:
    win = make_window(portfolio(3))
    win.doc.push(commands.set_rating(win.doc, "P-01", "mlops", 2))
    target = tmp_path / "a-folder.liftoff"
    target.mkdir()  # a folder where the file should go: the save must fail
    assert not win.save_to(target)
    assert len(asked.errors) == 1 and "a-folder.liftoff" in asked.errors[0][1]
    assert win.doc.is_modified() and win.doc.path is None


def test_second_instance_sees_lock_and_opens_read_only(
    make_window: Make, tmp_path: Path, asked: Prompts
) -> None:
    path = tmp_path / "shared.liftoff"
    first = make_window(portfolio(4))
    assert first.save_to(path)
    second = make_window()
    asked.read_only_answer = False
    assert not second.open_path(path)
    assert asked.read_only_asked == [path]
    assert second.doc.path is None
    asked.read_only_answer = True
    assert second.open_path(path)
    assert second.doc.read_only and "read-only" in second.windowTitle()
    second.show()
    second.doc.push(commands.set_rating(second.doc, "P-01", "mlops", 5))
    assert second.doc.portfolio.model_dump() == first.doc.portfolio.model_dump()
    assert "read-only" in second.statusBar().currentMessage()  # the refusal is said, not silent
    assert not second.weights.isEnabled() and not second.plan_dock.widget().isEnabled()
    # once the first instance closes, the project opens normally again
    first.guard.close()
    third = make_window()
    assert third.open_path(path) and not third.doc.read_only


def test_unknown_method_is_a_plain_error(make_window: Make, tmp_path: Path, asked: Prompts) -> None:
    import json

    from planner.portfolio import store

    path = tmp_path / "other-method.liftoff"
    data = json.loads(store.dumps(portfolio(2)))
    data["method"]["id"] = "no-such-method"
    path.write_text(json.dumps(data), encoding="utf-8")
    win = make_window(portfolio(3))
    assert not win.open_path(path)
    assert len(asked.errors) == 1 and "no-such-method" in asked.errors[0][1]
    assert len(win.doc.portfolio.pilots) == 3


CRASHING_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from tests.ui.factory import portfolio
from ui import commands
from ui.main_window import MainWindow

app = QApplication([])
tmp = Path(sys.argv[1])
win = MainWindow(tmp / "recovery", QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
win.doc.replace(portfolio(5), None)
win.doc.push(commands.set_rating(win.doc, "P-02", "mlops", 0))
win.doc.push(commands.update_pilot(win.doc, "P-03", name="Renamed before the crash"))
win.guard.autosave(blocking=True)
print(win.doc.portfolio.model_dump_json())
sys.stdout.flush()
os._exit(3)  # a crash: no close event, no cleanup, the session lock's process is gone
"""


def test_recovery_after_a_real_process_crash(make_window: Make, tmp_path: Path, asked: Prompts) -> None:
    import subprocess
    import sys

    from planner.model import Portfolio

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION, str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 3, out.stderr[-2000:]
    crashed_state = Portfolio.model_validate_json(out.stdout.strip().splitlines()[-1])
    win = make_window()
    assert win.offer_recovery()
    assert win.doc.portfolio.model_dump() == crashed_state.model_dump()
    assert win.doc.portfolio.pilot("P-03").name == "Renamed before the crash"
    assert win.doc.is_modified()


def test_a_damaged_recovery_note_still_offers_its_recovery_file(tmp_path: Path) -> None:
    # A note that is JSON but not an object raised AttributeError ('list' has no 'get') in start-up.
    from ui.files import find_recoverable

    data = tmp_path / f"a{RECOVERY_SUFFIX}"
    data.write_text("{}", encoding="utf-8")
    for note in ("[1]", '"text"', "[" * 100_000):
        data.with_suffix(".json").write_text(note, encoding="utf-8")
        (found,) = find_recoverable(tmp_path)
        assert (found.recovery, found.original, found.saved_at) == (data, None, "")


def test_first_edit_after_opening_is_autosaved(make_window: Make, qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "p.liftoff"
    saver = make_window(portfolio(4))
    assert saver.save_to(path)
    saver.guard.release_project()

    win = make_window()
    assert win.open_path(path) and not win.doc.is_modified()
    win.doc.push(commands.move_stage(win.doc, "P-02", "production"))  # one edit only
    qtbot.waitUntil(win.guard.recovery_path.exists, timeout=AUTOSAVE_MS + 1500)
    assert load_portfolio(win.guard.recovery_path).pilot("P-02").stage.value == "production"


def test_save_error_names_the_file_once_in_plain_words(
    make_window: Make, tmp_path: Path, asked: Prompts
) -> None:
    win = make_window(portfolio(2))
    target = tmp_path / "missing" / "p.liftoff"
    assert not win.save_to(target)
    message = asked.errors[0][1]
    assert message.count(str(target)) == 1
    assert message == (
        f"{target} was not saved: the folder {target.parent} does not exist. Your changes are still open."
    )
