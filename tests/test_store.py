"""The project file: loading untrusted files with located errors, migrations, atomic saves, warnings."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.model import (
    SCHEMA_VERSION,
    Decision,
    Dependency,
    Enabler,
    Evidence,
    FinanceSettings,
    Financials,
    Kpi,
    Override,
    Pilot,
    Portfolio,
    Rating,
    RelationKind,
    Relationship,
    Snapshot,
    SnapshotEntry,
    Stage,
    Stakeholder,
    Stance,
    UserGroup,
)
from planner.portfolio import store
from planner.portfolio.migrations import MIGRATIONS, document_version, migrate
from planner.portfolio.store import ProjectFileError

FIXTURES = Path(__file__).parent / "fixtures"


def small_portfolio() -> Portfolio:
    return Portfolio(
        name="Ærø Ferries – triage",
        as_of=date(2026, 1, 15),
        stakeholders=[
            Stakeholder(id="s1", name="Zoë Brandt", influence=4, stance=Stance.RESISTANT),
            Stakeholder(id="s2", name="李雷", role="CFO"),
        ],
        relationships=[Relationship(source="s1", target="s2", kind=RelationKind.REPORTS_TO)],
        pilots=[
            Pilot(
                id="P1",
                name="Berth scheduling",
                sponsor="s2",
                kpi=Kpi(name="Turnaround", unit="min", baseline=42.0, target=35.0),
                financials=Financials(scale_investment=250_000, annual_benefit=180_000),
                ratings={
                    "mlops": Rating(score=2),
                    "kpi_clarity": Rating(score=5, evidence=Evidence.VERIFIED),
                },
                gates={"kpi_baseline": True, "change_plan": False},
            ),
            Pilot(
                id="P2",
                name="Fuel forecasting",
                override=Override(decision=Decision.STOP, rationale="Vendor leaves the market"),
            ),
        ],
    )


# --- migrations and fixtures ---------------------------------------------------------------------------


def test_every_schema_version_has_a_fixture_and_they_agree() -> None:
    versions = [*sorted(MIGRATIONS), SCHEMA_VERSION]
    loaded = [store.load(FIXTURES / f"project-v{v}.liftoff") for v in versions]
    assert all(p == loaded[-1] for p in loaded)


def test_version_0_fields_land_where_version_1_expects_them() -> None:
    p = store.load(FIXTURES / "project-v0.liftoff")
    assert p.schema_version == SCHEMA_VERSION
    assert (p.name, p.organisation) == ("Northwind triage (preview format)", "Northwind Logistics")
    assert (p.finance.discount_rate, p.finance.horizon_years, p.finance.ramp_months) == (0.1, 4, 3)
    assert p.method.id == "pilot-to-production" and p.method.weights == {"mlops": 12}
    route = p.pilot("P-ROUTE")
    assert route.business_unit == "Distribution"
    assert route.pilot_start == date(2024, 2, 15)
    assert route.sponsor_last_touchpoint == date(2025, 2, 10)
    assert route.financials == Financials(
        scale_investment=400_000,
        annual_benefit=350_000,
        annual_run_cost=60_000,
        pilot_spend=90_000,
        change_budget=70_000,
    )
    assert route.ratings["kpi_clarity"] == Rating(score=4)
    assert route.ratings["data_pipelines"] == Rating(
        score=2, evidence=Evidence.VERIFIED, note="Manual extract each night"
    )
    assert route.gates == {"kpi_baseline": True, "integration_tested": True}
    okafor = p.stakeholders[0]
    assert (okafor.influence, okafor.desired_stance) == (5, Stance.LEADING)
    assert p.relationships[0] == Relationship(source="kim", target="okafor", kind=RelationKind.REPORTS_TO)
    assert (p.dependencies[0].pilot, p.dependencies[0].on) == ("P-ROUTE", "E-DATA")
    assert (p.user_groups[0].headcount, p.user_groups[0].change_impact.value) == (240, "high")


def test_migration_errors_name_the_new_path_and_the_upgrade() -> None:
    doc = json.loads((FIXTURES / "project-v0.liftoff").read_text())
    doc["projects"][0]["scores"]["mlops"] = 9
    with pytest.raises(ProjectFileError) as err:
        store.loads(json.dumps(doc), "old.liftoff")
    assert str(err.value) == (
        "old.liftoff (upgraded from schema 0): pilots[0].ratings.mlops.score: "
        "Input should be less than or equal to 5"
    )


def test_a_document_declaring_schema_version_0_is_upgraded_to_the_current_version() -> None:
    # The declared 0 used to be copied over the migrated version: the portfolio said schema 0, was
    # saved as 0, and the saved file no longer opened (migrated twice: "method.id: Input should be a
    # valid string").
    old = '{"schema_version": 0, "title": "Old", "method": "pilot-to-production", "projects": []}'
    portfolio = store.loads(old, "f.liftoff")
    assert portfolio.schema_version == SCHEMA_VERSION and portfolio.name == "Old"
    assert store.loads(store.dumps(portfolio), "f.liftoff") == portfolio


def test_migrations_survive_odd_shapes() -> None:
    # Wrong types are carried over so validation can name them, never a crash in the migration.
    for odd in (5, "x", None, [1, 2], {"projects": 5}, {"projects": [5, {"scores": [1], "checks": 3}]}):
        doc = {"format": "liftoff", "version": 0, "title": "t", "people": odd, "projects": odd}
        assert document_version(doc) == 0
        migrated = migrate(doc, 0)
        assert migrated["schema_version"] == SCHEMA_VERSION


# --- located errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "f.liftoff: the file is empty"),
        (b" \n\t", "f.liftoff: the file is empty"),
        (b"[1, 2]", "f.liftoff: a project file holds one JSON object at the top level, found an array"),
        (b'"text"', "f.liftoff: a project file holds one JSON object at the top level, found text"),
        (
            b'{\n  "name": "x",\n  "as_of" "2025-01-01"\n}',
            "f.liftoff: not valid JSON: Expecting ':' delimiter at line 3, column 11",
        ),
        (b'{"name": "caf\xe9"}', "f.liftoff: not UTF-8 text: byte 0xe9 at line 1, column 14"),
        (b'\n\n  {"a": "\xff"}', "f.liftoff: not UTF-8 text: byte 0xff at line 3, column 10"),
        (
            b'{"schema_version": 99}',
            f"f.liftoff: written by a newer Liftoff (schema 99); this version reads up to {SCHEMA_VERSION} "
            "— update Liftoff",
        ),
        (b'{"schema_version": "1"}', "f.liftoff: schema_version: must be a whole number, found text"),
        (b'{"name": "x"}', "f.liftoff: schema_version: missing, so this is not a Liftoff project file"),
        (b'{"schema_version": -4}', "f.liftoff: schema_version: unknown version -4 (the oldest known is 0)"),
        (b"[" * 200_000, "f.liftoff: not a project file: the JSON is nested too deeply"),
        (
            b'{"schema_version": 1, "name": ' + b"7" * 5000 + b"}",
            "f.liftoff: not valid JSON: a number with more digits than Liftoff reads",
        ),
        (
            b'{"schema_version": %d, "colour": "red"}' % SCHEMA_VERSION,
            "f.liftoff: colour: Extra inputs are not permitted",
        ),
        (
            b'{"schema_version": %d, "finance": {"discount_rate": NaN}}' % SCHEMA_VERSION,
            "f.liftoff: finance.discount_rate: Input should be a finite number",
        ),
        (
            b'{"schema_version": %d, "pilots": [{"id": "A", "name": "a"}, '
            b'{"id": "A", "name": "b", "sponsor": "nobody"}]}' % SCHEMA_VERSION,
            "f.liftoff: pilots[1].id: duplicate pilot id 'A' (also pilots[0]); "
            "pilots[1].sponsor: unknown stakeholder 'nobody'",
        ),
    ],
)
def test_bad_files_give_one_located_line(content: bytes, message: str) -> None:
    with pytest.raises(ProjectFileError) as err:
        store.loads(content, "f.liftoff")
    assert str(err.value) == message


def test_amounts_and_weight_overrides_out_of_bounds_are_refused_on_load() -> None:
    # 1e308 used to load, then overflowed: `liftoff dependencies` died in round(inf) and `frontier`
    # in the MILP solver; a weight of 1e308 made every score NaN, a weight of -1 silently scored.
    cases = [
        (
            '"pilots": [{"id": "A", "name": "a", "financials": {"annual_benefit": 1e308}}]',
            "pilots[0].financials.annual_benefit: Input should be less than or equal to 1000000000000000",
        ),
        ('"enablers": [{"id": "E", "name": "e", "cost": 2e15}]', "enablers[0].cost: Input should be less"),
        ('"method": {"weights": {"kpi": 1e308}}', "method.weights.kpi: Input should be less than or equal"),
        ('"method": {"weights": {"kpi": -1}}', "method.weights.kpi: Input should be greater than or equal"),
        ('"method": {"dimension_weights": {"value": 101}}', "method.dimension_weights.value: Input should"),
        ('"method": {"thresholds": {"value": -5}}', "method.thresholds.value: Input should be greater"),
    ]
    for fields, message in cases:
        with pytest.raises(ProjectFileError) as err:
            store.loads(f'{{"schema_version": {SCHEMA_VERSION}, ' + fields + "}", "f.liftoff")
        assert str(err.value).startswith("f.liftoff: " + message), fields


def test_the_largest_amounts_allowed_still_score_and_analyse_finitely() -> None:
    from planner.graphs.dependencies import analyse_dependencies
    from planner.triage.scoring import score

    big = Financials(scale_investment=1e15, annual_benefit=1e15, annual_run_cost=0)
    pf = Portfolio(
        pilots=[Pilot(id="A", name="a", financials=big), Pilot(id="B", name="b", financials=big)],
        enablers=[Enabler(id="E", name="e", cost=1e15)],
        dependencies=[Dependency(pilot="A", on="E"), Dependency(pilot="B", on="E")],
    )
    pf.method.weights = {"kpi_clarity": 0.0}  # 0 is allowed: it drops the criterion
    scores = score(pf)
    assert all(0 <= s.composite <= 100 for s in scores.pilots.values())
    # two pilots of at most 1e15 a year each over at most 30 years stay far below the float limit
    (critical,) = analyse_dependencies(pf).critical
    assert 0 < critical.value_unblocked < 2 * 30 * 1e15
    assert round(critical.value_unblocked) > 0


def test_any_layout_of_the_same_document_loads_the_same() -> None:
    # `dumps` output takes the one-pass path; other layouts and key orders take the careful path.
    text = store.dumps(small_portfolio())
    doc = json.loads(text)
    shuffled = dict(reversed(list(doc.items())))
    assert store.loads(json.dumps(shuffled), "x") == store.loads(text, "x") == small_portfolio()
    assert store.loads(json.dumps(doc, separators=(",", ":")), "x") == small_portfolio()
    # A hand-edited number in quotes fails the strict one-pass path but loads on the lenient one.
    doc["pilots"][0]["ratings"]["mlops"]["score"] = "2"
    assert store.loads(json.dumps(doc), "x") == small_portfolio()


def test_files_written_by_dumps_take_the_one_pass_path(monkeypatch: pytest.MonkeyPatch) -> None:
    text = store.dumps(small_portfolio())

    def careful_path_used(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("json.loads should not be needed for a file written by dumps")

    monkeypatch.setattr(store.json, "loads", careful_path_used)
    assert store.loads(text) == small_portfolio()


def test_the_garbage_collector_is_restored_after_loading() -> None:
    import gc

    assert gc.isenabled()
    store.loads(store.dumps(small_portfolio()))
    with pytest.raises(ProjectFileError):
        store.loads("{", "bad")
    assert gc.isenabled()
    gc.disable()
    try:
        store.loads(store.dumps(small_portfolio()))
        assert not gc.isenabled()  # a caller's own setting is kept
    finally:
        gc.enable()


def test_utf8_bom_is_accepted() -> None:
    text = store.dumps(small_portfolio())
    assert store.loads(b"\xef\xbb\xbf" + text.encode()) == small_portfolio()


def test_files_over_the_cap_are_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.liftoff"
    store.save(small_portfolio(), path)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 100)
    with pytest.raises(ProjectFileError, match=r"big\.liftoff: larger than 0 MB, the most Liftoff opens"):
        store.load(path)
    with pytest.raises(ProjectFileError, match="larger than"):
        store.loads("{" + " " * 200 + "}", "text")
    # Nor is a file written that could not be opened again.
    with pytest.raises(ProjectFileError, match=r"cannot save: the project would be over 0 MB"):
        store.save(small_portfolio(), path)


def test_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match=r"nope\.liftoff: no such file$"):
        store.load(tmp_path / "nope.liftoff")
    with pytest.raises(ProjectFileError, match="is a folder, not a project file"):
        store.load(tmp_path)


# --- saving ----------------------------------------------------------------------------------------------


def test_dumps_is_indented_utf8_sorted_and_stable() -> None:
    p = small_portfolio()
    text = store.dumps(p)
    assert text.endswith("}\n")
    assert '\n  "name": "Ærø Ferries – triage",' in text  # indent 2, non-ASCII kept as is
    assert "李雷" in text
    ratings = json.loads(text)["pilots"][0]["ratings"]
    assert list(ratings) == ["kpi_clarity", "mlops"]  # sorted, though built the other way round
    # The same portfolio built with its maps in another order gives the same bytes.
    reordered = p.model_copy(deep=True)
    reordered.pilots[0].ratings = dict(reversed(list(p.pilots[0].ratings.items())))
    reordered.pilots[0].gates = dict(reversed(list(p.pilots[0].gates.items())))
    assert store.dumps(reordered) == text
    assert list(p.pilots[0].ratings) == ["mlops", "kpi_clarity"]  # the input is not changed
    # Independent check of the layout: the standard library writes the same document the same way.
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_save_then_load_is_identity_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "ferries.liftoff"
    first = small_portfolio()
    assert store.save(first, path) == path.resolve()
    assert not store.backup_path(path).exists()  # nothing to back up the first time
    assert store.load(path) == first
    first_bytes = path.read_bytes()
    second = first.model_copy(update={"name": "Second version"})
    store.save(second, path)
    assert store.load(path) == second
    assert store.backup_path(path) == tmp_path / "ferries.liftoff.bak"
    assert store.backup_path(path).read_bytes() == first_bytes
    assert sorted(os.listdir(tmp_path)) == ["ferries.liftoff", "ferries.liftoff.bak"]  # no temp files left


def test_backup_by_copy_where_hard_links_are_not_supported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "fat32.liftoff"
    store.save(small_portfolio(), path)
    old = path.read_bytes()

    def no_links(src: Any, dst: Any) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    store.save(small_portfolio().model_copy(update={"name": "next"}), path)
    assert store.backup_path(path).read_bytes() == old
    assert store.load(path).name == "next"
    assert sorted(os.listdir(tmp_path)) == ["fat32.liftoff", "fat32.liftoff.bak"]


def test_save_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "shared.liftoff"
    store.save(small_portfolio(), path)
    os.chmod(path, 0o640)
    store.save(small_portfolio(), path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_a_failed_save_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.liftoff"
    store.save(small_portfolio(), path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ProjectFileError) as err:
        store.save(small_portfolio().model_copy(update={"name": "lost"}), path)
    assert str(err.value) == f"{path}: cannot save (No space left on device); the previous file is unchanged"
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["p.liftoff"]


def test_replace_is_retried_when_the_file_is_briefly_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.liftoff"
    store.save(small_portfolio(), path)
    real_replace = os.replace
    calls: list[str] = []

    def flaky(src: str, dst: Any) -> None:
        calls.append(os.fspath(dst))
        if os.fspath(dst) == os.fspath(path.resolve()) and len([c for c in calls if c == calls[-1]]) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    monkeypatch.setattr(store.time, "sleep", lambda s: None)
    store.save(small_portfolio().model_copy(update={"name": "after retries"}), path)
    assert store.load(path).name == "after retries"
    assert calls.count(os.fspath(path.resolve())) == 3  # two refusals, then success

    def always_held(src: str, dst: Any) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", always_held)
    with pytest.raises(ProjectFileError, match=r"cannot access the file.*previous file is unchanged"):
        store.save(small_portfolio(), path)
    assert store.load(path).name == "after retries"


def test_save_refuses_what_would_not_load(tmp_path: Path) -> None:
    p = small_portfolio()
    p.pilots[0].sponsor = "ghost"  # an edit that bypassed validation
    with pytest.raises(
        ProjectFileError, match=r"cannot save: pilots\[0\]\.sponsor: unknown stakeholder 'ghost'"
    ):
        store.save(p, tmp_path / "x.liftoff")
    assert not (tmp_path / "x.liftoff").exists()
    with pytest.raises(ProjectFileError, match="does not exist"):
        store.save(small_portfolio(), tmp_path / "missing" / "x.liftoff")
    with pytest.raises(ProjectFileError, match="is a folder"):
        store.save(small_portfolio(), tmp_path)


def test_save_through_a_symlink_writes_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.liftoff"
    store.save(small_portfolio(), real)
    link = tmp_path / "link.liftoff"
    link.symlink_to(real)
    store.save(small_portfolio().model_copy(update={"name": "via link"}), link)
    assert link.is_symlink()
    assert store.load(real).name == "via link"


# --- warnings against the method ---------------------------------------------------------------------


def test_validate_lists_what_the_method_does_not_know(tmp_path: Path) -> None:
    p = small_portfolio()
    p.pilots[1].ratings = {"crystal_ball": Rating(score=3), "benefit_at_scale": Rating(score=5)}
    p.pilots[1].gates = {"moon_phase": True}
    p.method.weights = {"mlops": 3, "vibes": 2}
    p.method.thresholds = {"stop_value": 30, "luck": 1}
    path = tmp_path / "w.liftoff"
    store.save(p, path)
    m = "method 'pilot-to-production'"
    assert store.validate(path) == [
        "pilots[1].ratings.benefit_at_scale: 'Benefit at scale' is derived (benefit); "
        "the typed rating is ignored",
        f"pilots[1].ratings.crystal_ball: {m} has no criterion 'crystal_ball'; ignored",
        f"pilots[1].gates.moon_phase: {m} has no gate check 'moon_phase'; ignored",
        f"method.weights.vibes: {m} has no criterion 'vibes'; ignored",
        f"method.thresholds.luck: {m} has no threshold 'luck'; ignored",
    ]
    # The unknown entries are kept, not dropped.
    assert store.load(path).pilots[1].gates == {"moon_phase": True}


def test_validate_clean_file_and_unknown_method(tmp_path: Path) -> None:
    path = tmp_path / "ok.liftoff"
    store.save(small_portfolio(), path)
    assert store.validate(path) == []
    other = small_portfolio()
    other.method.id = "house-method"
    store.save(other, path)
    # validate refuses what score refuses (issue 13), naming the file and the place
    with pytest.raises(store.ProjectFileError) as refused:
        store.validate(path)
    assert str(refused.value).startswith(f"{path}: method.id: unknown scoring method 'house-method'")


# --- properties ----------------------------------------------------------------------------------------

ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,10}", fullmatch=True)
texts = st.text(max_size=30)
names = st.text(min_size=1, max_size=20).map(str.strip).filter(bool)
amounts = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    people = draw(st.lists(ids, max_size=4, unique=True))
    person = st.sampled_from(people) if people else st.none()
    work = draw(st.lists(ids, max_size=7, unique=True))  # pilots and enablers share one id space
    split = draw(st.integers(0, len(work)))
    pilot_ids, enabler_ids = work[:split], work[split:]
    groups = draw(st.lists(ids, max_size=3, unique=True))
    moments = st.datetimes(datetime(2000, 1, 1), datetime(2040, 1, 1), timezones=st.none() | st.just(UTC))
    pilots = [
        Pilot(
            id=pid,
            name=draw(names),
            description=draw(texts),
            stage=draw(st.sampled_from(Stage)),
            pilot_start=draw(st.none() | st.dates(date(2000, 1, 1), date(2040, 1, 1))),
            sponsor=draw(st.none() | person),
            approvers=draw(st.lists(st.sampled_from(people), max_size=2)) if people else [],
            user_groups=draw(st.lists(st.sampled_from(groups), max_size=2)) if groups else [],
            kpi=Kpi(name=draw(texts), baseline=draw(st.none() | st.floats(-1e6, 1e6))),
            financials=Financials(scale_investment=draw(amounts), annual_benefit=draw(amounts)),
            ratings=draw(
                st.dictionaries(ids, st.builds(Rating, score=st.integers(0, 5), note=texts), max_size=4)
            ),
            gates=draw(st.dictionaries(ids, st.booleans(), max_size=4)),
            override=draw(
                st.none() | st.builds(Override, decision=st.sampled_from(Decision), rationale=names)
            ),
        )
        for pid in pilot_ids
    ]
    positions = st.none() | st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4))
    dependencies = []
    if pilot_ids and len(work) > 1:
        pairs = draw(st.lists(st.tuples(st.sampled_from(pilot_ids), st.sampled_from(work)), max_size=4))
        dependencies = [Dependency(pilot=a, on=b) for a, b in dict.fromkeys(pairs) if a != b]
    snapshots = [
        Snapshot(
            id=sid,
            label=draw(names),
            taken=draw(moments),
            entries=[
                SnapshotEntry(
                    pilot=pid,
                    name=draw(names),
                    value=draw(st.floats(0, 100)),
                    readiness=draw(st.floats(0, 100)),
                    sponsorship=draw(st.floats(0, 100)),
                    composite=draw(st.floats(0, 100)),
                    rank=rank,
                    decision=draw(st.sampled_from(Decision)),
                    gates_passed=draw(st.integers(0, 12)),
                )
                for rank, pid in enumerate(pilot_ids, start=1)
            ],
        )
        for sid in draw(st.lists(ids, max_size=2, unique=True))
    ]
    return Portfolio(
        name=draw(names),
        organisation=draw(texts),
        as_of=draw(st.dates(date(2000, 1, 1), date(2040, 1, 1))),
        finance=FinanceSettings(discount_rate=draw(st.floats(0, 1)), horizon_years=draw(st.integers(1, 30))),
        pilots=pilots,
        stakeholders=[
            Stakeholder(
                id=s,
                name=draw(names),
                influence=draw(st.integers(1, 5)),
                stance=draw(st.sampled_from(Stance)),
                position=draw(positions),
            )
            for s in people
        ],
        enablers=[
            Enabler(
                id=e,
                name=draw(names),
                eta=draw(st.none() | st.dates()),
                cost=draw(amounts),
                owner=draw(person),
            )
            for e in enabler_ids
        ],
        dependencies=dependencies,
        user_groups=[
            UserGroup(id=g, name=draw(names), headcount=draw(st.integers(1, 10_000_000))) for g in groups
        ],
        snapshots=snapshots,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(portfolio=portfolios())
def test_save_then_load_is_the_identity(tmp_path: Path, portfolio: Portfolio) -> None:
    path = tmp_path / "prop.liftoff"
    store.save(portfolio, path)
    again = store.load(path)
    assert again == portfolio
    assert store.dumps(again) == path.read_text(encoding="utf-8")


DEMO_TEXT = store.dumps(small_portfolio()).encode()


def _assert_loads_or_located(data: bytes) -> None:
    try:
        result = store.loads(data, "m.liftoff")
    except ProjectFileError as exc:
        message = str(exc)
        assert message.startswith("m.liftoff")
        assert "\n" not in message
    else:
        assert isinstance(result, Portfolio)


@settings(max_examples=300, deadline=None)
@given(cut=st.integers(0, len(DEMO_TEXT)))
def test_truncated_files_give_located_errors(cut: int) -> None:
    _assert_loads_or_located(DEMO_TEXT[:cut])


@settings(max_examples=400, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(DEMO_TEXT)), st.integers(0, 8), st.binary(max_size=6)),
        min_size=1,
        max_size=4,
    )
)
def test_byte_mutations_give_located_errors(edits: list[tuple[int, int, bytes]]) -> None:
    data = bytearray(DEMO_TEXT)
    for at, drop, insert in edits:
        data[at : at + drop] = insert
    _assert_loads_or_located(bytes(data))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, (*prefix, index))
    return out


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_structural_mutations_give_located_errors(data: st.DataObject) -> None:
    doc = json.loads(DEMO_TEXT)
    paths = [p for p in _paths(doc) if p]
    path = data.draw(st.sampled_from(paths))
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if data.draw(st.booleans()):
        parent[path[-1]] = data.draw(json_values)
    elif isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    _assert_loads_or_located(json.dumps(doc).encode())
