"""One number format per kind of quantity in every command-line table, the one `planner.formatting`
gives the app and the exports: days "15 Feb 2027", money "EUR 1.5 M", counts "1,240", hours "1.5" or
"48" (never "48.0"), percentages "25.0 %", scores "61.5".

Each table is read back by its column rulers (the dashes under the header), and each column named
below must hold only its kind's format, on the demo portfolio.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.cli import main
from planner.cli.common import print_table

DAY = r"\d{1,2} [A-Z][a-z]{2} \d{4}"
FORMATS = {
    "day": re.compile(DAY),
    "money": re.compile(r"−?EUR \d{1,3}(?:\.\d{1,2})?(?: (?:k|M|bn))?"),
    "count": re.compile(r"\d{1,3}(?:,\d{3})*"),
    "hours": re.compile(r"\d{1,3}(?:,\d{3})*(?:\.[1-9])?"),
    "percent": re.compile(r"\d+\.\d %"),
    "score": re.compile(r"\d{1,3}\.\d"),
    "signed": re.compile(r"[+−]\d+\.\d|0\.0"),
}
# command → {column header: kind}
COLUMNS = {
    ("score",): {"value": "score", "readiness": "score", "composite": "score", "rank": "count"},
    ("explain", "FIN-02"): {"points": "score", "gap": "score", "weeks": "count", "uplift": "signed"},
    ("snapshot", "--list"): {"pilots": "count"},
    ("diff", "SC-2026-08"): {"composite": "signed", "value": "signed", "sponsorship": "signed"},
    ("stakeholders",): {
        "influence": "percent",
        "rank": "count",
        "gap": "count",
        "by": "day",
        "people": "count",
    },
    ("dependencies",): {"value unblocked": "money", "earliest": "day", "pilots": "count", "wave": "count"},
    ("plan",): {"start": "day", "end": "day", "people live": "count", "share": "percent", "days": "count"},
    ("training",): {
        "date": "day",
        "go-live": "day",
        "sessions": "count",
        "learners": "count",
        "trainer h": "hours",
        "change budget": "percent",
        "training cost": "money",
    },
    ("fund", "--budget", "12000000"): {"cost": "money"},
    ("frontier", "--from", "0", "--to", "20000000", "--steps", "19"): {"budget": "money", "cost": "money"},
}


def tables(out: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every table printed by `print_table`: its headers and its rows, cut at the column rulers."""
    lines = out.splitlines()
    found = []
    for k, line in enumerate(lines):
        if not line or set(line) - {"-", " "} or k == 0:
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(r"-+", line)]
        spans[-1] = (spans[-1][0], 10_000)  # the last column runs to the end of the line

        def cut(text: str, spans: list[tuple[int, int]] = spans) -> list[str]:
            return [text[a:b].strip() for a, b in spans]

        rows = []
        for text in lines[k + 1 :]:
            if not text.strip():
                break
            rows.append(cut(text))
        found.append((cut(lines[k - 1]), rows))
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "demo.liftoff"
    assert main(["demo", str(path)]) == 0
    return path


@pytest.mark.parametrize("command", list(COLUMNS), ids=lambda c: " ".join(c))
def test_every_column_holds_one_format_for_its_kind(
    command: tuple[str, ...], demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main([command[0], str(demo), *command[1:]]) == 0
    found = tables(capsys.readouterr().out)
    checked = set()
    for headers, rows in found:
        for column, kind in COLUMNS[command].items():
            if column not in headers:
                continue
            i = headers.index(column)
            cells = [row[i] for row in rows if row[i] not in ("", "–")]
            bad = [c for c in cells if not FORMATS[kind].fullmatch(c)]
            assert not bad, f"{' '.join(command)}: column {column!r} is not in the {kind} format: {bad[:5]}"
            checked.add(column)
    assert checked == set(COLUMNS[command]), f"columns not found: {set(COLUMNS[command]) - checked}"


def test_training_totals_read_as_hours_counts_and_money(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["training", str(demo)]) == 0
    totals = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Totals:"))
    n, h = r"\d{1,3}(?:,\d{3})*", r"\d{1,3}(?:,\d{3})*(?:\.[1-9])?"
    assert re.fullmatch(
        rf"Totals: {n} led sessions, {n} self-paced places, {h} learner hours, {h} trainer hours, "
        rf"cost EUR [\d.]+ [kM]; {n} of {n} people trained before go-live",
        totals,
    ), totals


def test_formatted_numbers_are_right_aligned_and_text_left(capsys: pytest.CaptureFixture[str]) -> None:
    print_table(
        ["name", "cost", "share", "n"], [["a", "EUR 70 k", "5.7 %", 3], ["longer", "−EUR 1.45 M", "–", 1240]]
    )
    assert capsys.readouterr().out.splitlines() == [
        "name           cost  share      n",
        "------  -----------  -----  -----",
        "a          EUR 70 k  5.7 %      3",
        "longer  −EUR 1.45 M      –  1,240",
    ]
