"""Commands never destroy a project silently, and never let a file drive the terminal (issues 13, 18).

Data-loss paths: `import` into an existing project, `import --replace`, `--merge` into another file,
`demo --force` over a larger project. Exports get the user's file mode. `validate` names what a
non-project file is. Untrusted names and keys reach the terminal escaped, error lines capped.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.cli import main
from planner.model import Pilot, Portfolio
from planner.portfolio import store
from planner.resources import templates_dir

DEMO = templates_dir() / "demo" / "demo.liftoff"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.liftoff"
    assert main(["demo", str(path)]) == 0
    return path


@pytest.fixture
def empty_intake(tmp_path: Path) -> Path:
    path = tmp_path / "intake.xlsx"
    assert main(["template", "intake", str(path)]) == 0
    return path


def test_import_into_an_existing_project_merges_and_keeps_everything(
    demo: Path, empty_intake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store.load(demo)
    capsys.readouterr()
    assert main(["import", str(demo), str(empty_intake)]) == 0
    after = store.load(demo)
    assert [p.id for p in after.pilots] == [p.id for p in before.pilots]
    assert after.snapshots == before.snapshots and after.stakeholders == before.stakeholders
    out = capsys.readouterr().out
    assert "merged: 0 added, 0 updated" in out and "less" not in out


def test_import_replace_says_what_it_replaces_and_keeps_a_dated_backup(
    demo: Path, empty_intake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo.read_bytes()
    pilots = len(store.load(demo).pilots)
    capsys.readouterr()
    assert main(["import", str(demo), str(empty_intake), "--replace"]) == 0
    out = capsys.readouterr().out
    (backup,) = demo.parent.glob("demo.liftoff.*-*.bak")
    assert backup.read_bytes() == before
    assert f"replacing {demo} ({pilots} pilots" in out and str(backup) in out
    assert f"now holds less than before: pilots {pilots} → 0" in out
    assert store.load(demo).pilots == []


def test_merging_another_project_over_an_existing_out_is_refused(
    demo: Path, empty_intake: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.liftoff"
    store.save(Portfolio(name="Other"), other)
    before = demo.read_bytes()
    assert main(["import", str(demo), str(empty_intake), "--merge", str(other)]) == 1
    assert "already holds a project" in capsys.readouterr().err
    assert demo.read_bytes() == before


def test_import_replace_over_a_file_that_is_not_a_project(
    tmp_path: Path, empty_intake: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes.liftoff"
    out.write_text("my notes, not a project", encoding="utf-8")
    assert main(["import", str(out), str(empty_intake)]) == 1  # refused without --replace
    assert out.read_text(encoding="utf-8") == "my notes, not a project"
    assert main(["import", str(out), str(empty_intake), "--replace"]) == 0
    assert "a file that is not a readable project" in capsys.readouterr().out
    (backup,) = tmp_path.glob("notes.liftoff.*.bak")
    assert backup.read_text(encoding="utf-8") == "my notes, not a project"


def test_demo_force_over_a_larger_project_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.liftoff"
    demo_pilots = len(store.load(DEMO).pilots)
    big = Portfolio(name="Big", pilots=[Pilot(id=f"P{i}", name=f"Pilot {i}") for i in range(demo_pilots + 5)])
    store.save(big, path)
    assert main(["demo", str(path), "--force"]) == 0
    out = capsys.readouterr().out
    assert f"pilots {demo_pilots + 5} → {demo_pilots}" in out
    assert len(store.load(store.backup_path(path)).pilots) == demo_pilots + 5


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o002)
    yield
    os.umask(old)


def test_exports_get_the_users_file_mode_not_0600(demo: Path, tmp_path: Path, umask: None) -> None:
    scorecard, pack, template = tmp_path / "s.xlsx", tmp_path / "p.pdf", tmp_path / "t.xlsx"
    assert main(["scorecard", str(demo), str(scorecard)]) == 0
    assert main(["pack", str(demo), str(pack), "--sections", "cover", "summary"]) == 0
    assert main(["template", "intake", str(template)]) == 0
    project = tmp_path / "new.liftoff"
    assert main(["demo", str(project)]) == 0
    for path in (scorecard, pack, template, project):
        assert path.stat().st_mode & 0o777 == 0o664, path  # 0666 less the umask 002
    pack.chmod(0o640)  # an existing file keeps the mode its owner gave it
    assert main(["pack", str(demo), str(pack), "--sections", "cover"]) == 0
    assert pack.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "this is a PDF document"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("xl/workbook.xml", "<x/>"), "this is an Excel workbook"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("notes.txt", "hi"), "this is a zip archive"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "this is a PNG image"),
    ],
)
def test_validate_says_what_a_non_project_file_is(
    tmp_path: Path, make: object, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "picked-by-mistake.liftoff"
    make(path)  # type: ignore[operator]
    for command in ("validate", "score"):
        assert main([command, str(path)]) == 1
        err = capsys.readouterr().err.strip()
        assert str(path) in err and said in err and "not a Liftoff project" in err
        assert "UTF-8" not in err and len(err.splitlines()) == 1


def test_untrusted_names_reach_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eReversed"
    path = tmp_path / "evil.liftoff"
    store.save(Portfolio(name=evil, pilots=[Pilot(id="P1", name=evil)]), path)
    for command in (
        ["score", str(path)],
        ["score", str(path), "--format", "csv"],
        ["explain", str(path), "P1"],
    ):
        assert main(command) == 0
        out = capsys.readouterr().out
        assert not any(c in out for c in "\x1b\x07\x9b\u202e"), command
        assert "\\x1b]0;owned\\x07" in out


def test_a_huge_key_in_an_error_is_cut_with_its_size_stated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(store.dumps(Portfolio(name="x", pilots=[Pilot(id="P1", name="p")])))
    key = "\x1b[2J" + "k" * 5_000_000
    data["pilots"][0]["ratings"] = {key: {"score": 9}}
    path = tmp_path / "huge.liftoff"
    path.write_text(json.dumps(data), encoding="utf-8")
    for command in ("validate", "score"):
        assert main([command, str(path)]) == 1
        err = capsys.readouterr().err
        assert len(err) < 3_000 and "\x1b" not in err and len(err.strip().splitlines()) == 1
        assert "characters)" in err and str(path) in err


def test_escaped_json_output_still_reads_back_as_the_same_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "\x1b]0;owned\x07\x9b31m\u202eRev"
    path = tmp_path / "evil.liftoff"
    store.save(Portfolio(name="p", pilots=[Pilot(id="P1", name=evil)]), path)
    assert main(["score", str(path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    assert json.loads(out)["pilots"][0]["name"] == evil  # escapes a JSON reader decodes
