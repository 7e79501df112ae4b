"""The lock (requirements/run.txt, requirements/dev.txt) pins every dependency pyproject.toml declares,
at versions pyproject.toml allows, with hashes; and the bootstrap installs only when it changed.

When a dependency is added to pyproject.toml without relocking, these tests fail naming it and the
command that fixes it (`make lock`).
"""

import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bootstrap", ROOT / "scripts" / "bootstrap.py")
assert _spec and _spec.loader
bootstrap = importlib.util.module_from_spec(_spec)
sys.modules["bootstrap"] = bootstrap
_spec.loader.exec_module(bootstrap)

LOCKS = [ROOT / "requirements" / "run.txt", ROOT / "requirements" / "dev.txt"]


def pins(lock: Path) -> dict[str, list[tuple[Version, str, int]]]:
    """name -> [(version, marker, number of hashes)], one entry per pinned line of `lock`."""
    found: dict[str, list[tuple[Version, str, int]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", lock.read_text(encoding="utf-8")):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(?: ; ([^\\\n]+))?", block)
        if match:
            name, version, marker = match.groups()
            entry = (Version(version), (marker or "").strip(), block.count("--hash=sha256:"))
            found.setdefault(canonicalize_name(name), []).append(entry)
    return found


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_the_lock_pins_every_declared_dependency(lock: Path) -> None:
    problems = bootstrap.lock_problems(lock)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lock", LOCKS, ids=lambda p: p.name)
def test_every_pin_is_allowed_by_pyproject_and_carries_hashes(lock: Path) -> None:
    pinned = pins(lock)
    for text in bootstrap.declared(lock):
        requirement = Requirement(text)
        for version, _, _ in pinned[canonicalize_name(requirement.name)]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock.name} pins {requirement.name}=={version}, which pyproject.toml excludes "
                f"({requirement.specifier}): run `make lock`"
            )
    unhashed = [name for name, entries in pinned.items() if any(hashes == 0 for *_, hashes in entries)]
    assert not unhashed, f"{lock.name}: pins without a hash: {unhashed}"


def test_the_pyside6_release_that_aborts_is_never_locked() -> None:
    for lock in LOCKS:
        versions = [v for v, _, _ in pins(lock)["pyside6-essentials"]]
        assert versions and Version("6.12.0") not in versions


def test_the_app_lock_is_the_dev_lock_without_the_dev_tools() -> None:
    run, dev = pins(LOCKS[0]), pins(LOCKS[1])
    assert set(run) < set(dev)
    for name, entries in run.items():
        assert sorted(entries) == sorted(dev[name]), f"{name}: run.txt and dev.txt pin different versions"
    dev_only = set(dev) - set(run)
    assert {"pytest", "pyinstaller", "uv", "mypy"} <= dev_only


def test_a_dependency_added_without_relocking_is_named(tmp_path: Path) -> None:
    meta = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    grown = meta.replace("dependencies = [\n", 'dependencies = [\n    "not-yet-locked-package>=1.0",\n', 1)
    assert tomllib.loads(grown)["project"]["dependencies"][0] == "not-yet-locked-package>=1.0"
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(grown, encoding="utf-8")
    for lock in LOCKS:
        (problem,) = bootstrap.lock_problems(lock, pyproject)
        assert "does not pin 'not-yet-locked-package>=1.0'" in problem and "make lock" in problem


def test_requirement_names_are_normalised() -> None:
    assert bootstrap.requirement_name("PySide6_Essentials>=6.7,!=6.12.0") == "pyside6-essentials"
    assert bootstrap.requirement_name("rl.accel [x] ; sys_platform == 'win32'") == "rl-accel"
