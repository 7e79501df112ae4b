"""The bootstrap installs from the lock once and then only when the lock or pyproject.toml changes,
so `make run` starts the app without a reinstall."""

from pathlib import Path

import pytest

from tests.test_dependency_lock import bootstrap

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def venv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A stand-in .venv in `tmp_path`, with a copy of the project's locks; returns the steps run."""
    (tmp_path / "requirements").mkdir()
    for name in ("run.txt", "dev.txt"):
        (tmp_path / "requirements" / name).write_bytes((ROOT / "requirements" / name).read_bytes())
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    for name, value in {
        "ROOT": tmp_path,
        "VENV": tmp_path / ".venv",
        "PYTHON": python,
        "STAMP": tmp_path / ".venv" / "liftoff-installed.txt",
        "RUN_LOCK": tmp_path / "requirements" / "run.txt",
        "DEV_LOCK": tmp_path / "requirements" / "dev.txt",
    }.items():
        monkeypatch.setattr(bootstrap, name, value)
    steps: list[str] = []
    monkeypatch.setattr(bootstrap, "step", lambda title, *command, env=None: steps.append(title))
    return steps


def test_installs_once_then_not_again(venv: list[str]) -> None:
    bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    assert len(venv) == 2  # the locked dependencies, then Liftoff itself
    bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    assert len(venv) == 2


def test_a_changed_lock_or_pyproject_installs_again(venv: list[str]) -> None:
    bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    with bootstrap.RUN_LOCK.open("a") as lock:
        lock.write("# relocked\n")
    bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    assert len(venv) == 4
    pyproject = bootstrap.ROOT / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n# a new entry point, say\n")
    bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    assert len(venv) == 6


def test_the_dev_install_serves_the_app_but_not_the_reverse(venv: list[str]) -> None:
    bootstrap.ensure_venv(bootstrap.DEV_LOCK)
    bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    assert len(venv) == 2
    bootstrap.STAMP.unlink()
    bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    bootstrap.ensure_venv(bootstrap.DEV_LOCK)
    assert len(venv) == 6


def test_a_stale_lock_stops_the_install_with_the_fix(venv: list[str], capsys: pytest.CaptureFixture) -> None:
    pyproject = bootstrap.ROOT / "pyproject.toml"
    text = pyproject.read_text().replace(
        "dependencies = [\n", 'dependencies = [\n    "not-yet-locked-package>=1.0",\n', 1
    )
    pyproject.write_text(text)
    with pytest.raises(SystemExit) as stopped:
        bootstrap.ensure_venv(bootstrap.RUN_LOCK)
    said = str(stopped.value)
    assert "does not pin 'not-yet-locked-package>=1.0'" in said and "make lock" in said
    assert venv == []
