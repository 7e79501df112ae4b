"""The Stakeholders and Dependencies sheets of the scorecard workbook."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.export.xlsx.book import Book, add_table, number_width, widest
from planner.export.xlsx.context import HEADER
from planner.export.xlsx.style import RED
from planner.model import Portfolio

Tick = Callable[[], None]
STAKEHOLDER_HEADERS = (
    "ID",
    "Name",
    "Role",
    "Department",
    "Influence",
    "Interest",
    "Stance",
    "Desired stance",
    "Stance gap",
    "Quadrant",
    "Influence rank",
    "Broker",
)
DEPENDENCY_HEADERS = ("ID", "Name", "Kind", "Wave", "Ready", "Blocked by", "Root blockers", "Value unblocked")


def _words(value: Any) -> str:
    return str(getattr(value, "value", value)).replace("_", " ")


def write_stakeholders(book: Book, portfolio: Portfolio, people: Any, tick: Tick) -> None:
    """Every person with their grid quadrant, stance gap and influence rank (`people`: id → analysis)."""
    sheet = book.sheet("Stakeholders")
    ws = sheet.ws
    sheet.title("Stakeholders")
    sheet.text(
        1,
        0,
        "Quadrant from influence and interest; a broker links groups that would not meet otherwise.",
        "note",
    )
    sheet.header(HEADER, STAKEHOLDER_HEADERS)
    whole, plain = book.fmt("count"), book.fmt("plain")
    for offset, person in enumerate(portfolio.stakeholders):
        row = HEADER + 1 + offset
        a = people.get(person.id)
        sheet.text(row, 0, person.id)
        sheet.text(row, 1, person.name, "wrap")
        sheet.text(row, 2, person.role, "wrap")
        sheet.text(row, 3, person.department, "wrap")
        ws.write_number(row, 4, person.influence, whole)
        ws.write_number(row, 5, person.interest, whole)
        ws.write_string(row, 6, person.stance.value, plain)
        ws.write_string(row, 7, person.desired_stance.value, plain)
        if a is not None:
            ws.write_number(row, 8, a.stance_gap, whole)
            ws.write_string(row, 9, _words(a.quadrant), plain)
            ws.write_number(row, 10, a.influence_rank, whole)
            ws.write_string(row, 11, "yes" if a.broker else "no", plain)
        tick()
    everyone = portfolio.stakeholders
    for k, texts in enumerate(
        (
            (p.id for p in everyone),
            (p.name for p in everyone),
            (p.role for p in everyone),
            (p.department for p in everyone),
        )
    ):
        sheet.fit(k, widest(texts))
    for k in (4, 5, 8, 10, 11):
        sheet.fit(k, 4)
    for k in (6, 7):
        sheet.fit(k, 10)
    sheet.fit(9, widest(_words(a.quadrant) for a in people.values()))
    last = HEADER + len(everyone)
    if everyone:
        add_table(sheet, "Stakeholders", STAKEHOLDER_HEADERS, HEADER, last)
        ws.conditional_format(
            HEADER + 1,
            6,
            last,
            6,
            {"type": "cell", "criteria": "==", "value": '"resistant"', "format": book.cf(RED)},
        )
    sheet.layout(repeat=HEADER, caps={1: 30, 2: 24, 3: 20}, freeze=(HEADER + 1, 2))


def write_dependencies(book: Book, portfolio: Portfolio, analysis: Any, tick: Tick) -> None:
    """Pilots and enablers by wave, with what blocks each and the value each enabler unblocks."""
    sheet = book.sheet("Dependencies")
    ws = sheet.ws
    names = {p.id: p.name for p in portfolio.pilots} | {e.id: e.name for e in portfolio.enablers}
    value = {e.enabler: e.value_unblocked for e in analysis.enablers}
    sheet.title("Dependencies")
    sheet.text(1, 0, "Wave 0 needs nothing; each later wave needs only earlier ones.", "note")
    sheet.header(HEADER, DEPENDENCY_HEADERS)
    whole, plain, money = book.fmt("count"), book.fmt("plain"), book.fmt("money")
    row = HEADER
    blocked_by, roots = [], []
    for wave, members in enumerate(analysis.waves):
        for item in members:
            row += 1
            blocked = analysis.blocked.get(item)
            sheet.text(row, 0, item)
            sheet.text(row, 1, names.get(item, ""), "wrap")
            ws.write_string(row, 2, str(analysis.kinds.get(item, "")), plain)
            ws.write_number(row, 3, wave, whole)
            ws.write_string(row, 4, "yes" if analysis.ready.get(item) else "no", plain)
            if blocked:
                by, root = ", ".join(blocked.blocked_by), ", ".join(blocked.root_blockers)
                sheet.text(row, 5, by, "wrap")
                sheet.text(row, 6, root, "wrap")
                blocked_by.append(by)
                roots.append(root)
            if item in value:
                ws.write_number(row, 7, value[item], money)
            tick()
    items = [i for members in analysis.waves for i in members]
    sheet.fit(0, widest(items))
    sheet.fit(1, widest(names.get(i, "") for i in items))
    sheet.fit(2, 8)
    sheet.fit(3, 4)
    sheet.fit(4, 5)
    sheet.fit(5, widest(blocked_by))
    sheet.fit(6, widest(roots))
    sheet.fit(7, number_width(max(value.values(), default=0.0)) + 1)
    if row > HEADER:
        add_table(sheet, "Dependencies", DEPENDENCY_HEADERS, HEADER, row)
    sheet.layout(repeat=HEADER, caps={1: 34, 5: 30, 6: 30}, freeze=(HEADER + 1, 2))
