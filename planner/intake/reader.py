"""Reading a filled-in intake workbook into a Portfolio, or into the list of what is wrong with it.

The workbook is untrusted: the archive is checked before any spreadsheet library touches it, each
sheet's bytes are scanned (``planner.intake.sheets``) before its values are read with bounded rows
and columns, and every cell is re-validated (drop-downs are not enforced when people paste). A sheet
that cannot be read, and a cell whose value cannot be trusted (a formula without a stored result, an
error), is one located problem. Nothing is returned unless the whole workbook is valid.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.errors import format_validation_error
from planner.intake.cells import CellError, is_blank, parse_cell, read_row
from planner.intake.layout import (
    DATA_SHEETS,
    DEPENDENCIES,
    ENABLERS,
    FINANCIALS,
    GATES,
    INSTRUCTIONS,
    MAX_COLUMNS,
    MAX_ROWS,
    PILOTS,
    RATINGS,
    RELATIONSHIPS,
    SETTINGS,
    STAKEHOLDERS,
    USER_GROUPS,
    Column,
    SheetSpec,
)
from planner.intake.problems import IntakeProblem
from planner.intake.sheets import Book, SheetError, column_letter
from planner.method import Method
from planner.model import (
    Dependency,
    Enabler,
    FinanceSettings,
    Financials,
    MethodChoice,
    Pilot,
    Portfolio,
    Rating,
    Relationship,
    Stakeholder,
    UserGroup,
)


@dataclass(slots=True)
class _Record:
    row: int
    values: dict[str, Any]
    ok: bool


_RANGE_ERRORS = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "too_short",
    "too_long",
}


class IntakeReader:
    """Reads one open workbook; `problems` collects everything wrong, in sheet and row order."""

    max_rows = MAX_ROWS

    def __init__(self, workbook: Book, method: Method) -> None:
        self.wb = workbook
        self.method = method
        self.problems: list[IntakeProblem] = []
        self.unreadable = False  # a sheet could not be read: references into it are not checked
        self.letters: dict[str, dict[str, str]] = {}  # sheet -> column key -> letter
        self.headers: dict[str, dict[str, str]] = {}  # sheet -> column key -> header

    # ---- generic sheet reading -------------------------------------------------------------------

    def add(self, sheet: str, row: int, key: str, message: str) -> None:
        header = self.headers.get(sheet, {}).get(key, key)
        letter = self.letters.get(sheet, {}).get(key, "")
        self.problems.append(IntakeProblem(sheet, row, header, message, letter))

    def _rows(self, name: str, max_rows: int | None = None) -> Iterator[Sequence[Any]] | None:
        if name not in self.wb.sheetnames:
            self.problems.append(IntakeProblem(name, 0, "", "sheet missing from the workbook"))
            return None
        # one row beyond the limit is read so that a sheet holding too many rows is reported, not cut
        try:
            return self.wb.rows(name, max_rows or self.max_rows + 2, MAX_COLUMNS)
        except SheetError as exc:
            self.problems.append(IntakeProblem(name, 0, "", f"cannot read this sheet: {exc}"))
            self.unreadable = True
            return None

    def flagged(self, sheet: str, row: int, cells: list[tuple[int, Column]]) -> bool:
        """Record the cells of `row` whose value cannot be trusted (formula without a stored result,
        error); True when there was one."""
        marked = self.wb.scan(sheet).cells
        if not marked:
            return False
        found = False
        for index, column in cells:
            why = marked.get((row, index + 1))
            if why is not None:
                self.add(sheet, row, column.key, why)
                found = True
        return found

    def read_sheet(self, spec: SheetSpec) -> list[_Record]:
        """Parsed records of one data sheet; cell-level problems are recorded, bad rows marked not ok."""
        rows = self._rows(spec.name)
        if rows is None:
            return []
        header_row = next(rows, ())
        found: dict[str, int] = {}
        for index, text in enumerate(header_row):
            if isinstance(text, str):
                found.setdefault(text.strip().lower(), index)
        columns: list[tuple[int, Column]] = []
        self.letters[spec.name] = {}
        self.headers[spec.name] = {c.key: c.header for c in spec.columns}
        for column in spec.columns:
            if column.key == "info":
                continue
            index_or_none = found.get(column.header.lower())
            if index_or_none is None:
                if column.required:
                    self.problems.append(
                        IntakeProblem(
                            spec.name, 1, column.header, "required column missing from the header row"
                        )
                    )
                continue
            columns.append((index_or_none, column))
            self.letters[spec.name][column.key] = column_letter(index_or_none + 1)
        if any(p.sheet == spec.name and p.row == 1 for p in self.problems):
            return []
        records: list[_Record] = []
        marked = bool(self.wb.scan(spec.name).cells)
        for row_number, row in enumerate(rows, start=2):
            if marked and self.flagged(spec.name, row_number, columns):
                records.append(_Record(row_number, {}, False))
                continue
            read = read_row(columns, row)
            if read is None:
                continue
            if row_number > self.max_rows + 1:
                message = f"too many rows: at most {self.max_rows:,} data rows are read"
                self.problems.append(IntakeProblem(spec.name, row_number, "", message))
                break
            values, wrong = read
            for key, message in wrong:
                self.add(spec.name, row_number, key, message)
            ok = not wrong
            records.append(_Record(row_number, values, ok))
        return records

    def validate(
        self,
        model: type[BaseModel],
        data: dict[str, Any],
        sheet: str,
        row: int,
        rows: dict[str, int] | None = None,
        prefix: str = "",
    ) -> Any:
        """`model` built from `data`, or None with each pydantic error recorded at its column.

        `rows` maps a column key to its row when fields sit on different rows (the settings block);
        `prefix` is prepended to error paths of a nested model.
        """
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                path = prefix + ".".join(str(p) for p in err["loc"] if isinstance(p, str))
                if path == "position":
                    path = "position.x"
                message = err["msg"].removeprefix("Value error, ")
                kind = err["type"]
                if kind == "missing":
                    message = "missing required value"
                elif kind in _RANGE_ERRORS or kind.startswith(("greater", "less")):
                    message = f"value out of range: {message[0].lower()}{message[1:]}"
                elif kind == "string_pattern_mismatch":
                    message = "not a valid id: use letters, digits, '_', '.' or '-' (at most 64 characters)"
                self.add(sheet, (rows or {}).get(path, row), path, message)
            return None

    def unique(self, sheet: str, records: list[_Record], seen: dict[str, tuple[str, int]]) -> None:
        for record in records:
            item_id = record.values.get("id")
            if item_id is None:
                continue
            if item_id in seen:
                other_sheet, other_row = seen[item_id]
                place = f"row {other_row}" if other_sheet == sheet else f"{other_sheet} row {other_row}"
                self.add(sheet, record.row, "id", f"duplicate id {item_id!r} (already used on {place})")
                record.ok = False
            else:
                seen[item_id] = (sheet, record.row)

    def refs(
        self, sheet: str, record: _Record, key: str, known: set[str] | dict[str, Any], what: str
    ) -> None:
        value = record.values.get(key)
        for ref in value if isinstance(value, list) else [value]:
            if ref is not None and ref not in known:
                self.add(sheet, record.row, key, f"unknown {what} {ref!r}")
                record.ok = False

    # ---- the portfolio -------------------------------------------------------------------------

    def read(self) -> Portfolio | None:
        """The portfolio in the workbook, or None when `problems` says why not."""
        settings = self.read_settings()
        sheets = {spec.name: self.read_sheet(spec) for spec in DATA_SHEETS}
        if self.unreadable:
            return None
        work_items: dict[str, tuple[str, int]] = {}
        people: dict[str, tuple[str, int]] = {}
        groups: dict[str, tuple[str, int]] = {}
        self.unique(PILOTS.name, sheets[PILOTS.name], work_items)
        self.unique(ENABLERS.name, sheets[ENABLERS.name], work_items)
        self.unique(STAKEHOLDERS.name, sheets[STAKEHOLDERS.name], people)
        self.unique(USER_GROUPS.name, sheets[USER_GROUPS.name], groups)
        pilot_ids = {r.values["id"] for r in sheets[PILOTS.name] if "id" in r.values}

        stakeholders = [self.stakeholder(r) for r in sheets[STAKEHOLDERS.name]]
        groups_built = [
            self.validate(UserGroup, r.values, USER_GROUPS.name, r.row) for r in sheets[USER_GROUPS.name]
        ]
        enablers = []
        for r in sheets[ENABLERS.name]:
            self.refs(ENABLERS.name, r, "owner", people, "stakeholder")
            enablers.append(self.validate(Enabler, r.values, ENABLERS.name, r.row))
        relationships = self.relationships(sheets[RELATIONSHIPS.name], people)
        dependencies = self.dependencies(sheets[DEPENDENCIES.name], pilot_ids, work_items)
        extras = self.pilot_extras(sheets, pilot_ids)
        pilots = []
        for r in sheets[PILOTS.name]:
            for key in ("owner", "sponsor", "approvers", "affected"):
                self.refs(PILOTS.name, r, key, people, "stakeholder")
            self.refs(PILOTS.name, r, "user_groups", groups, "user group")
            data = _nest(r.values)
            data.update(extras.get(r.values.get("id", ""), {}))
            pilots.append(self.validate(Pilot, data, PILOTS.name, r.row))
        if self.problems or settings is None:
            return None
        try:
            return Portfolio(
                **settings,
                pilots=pilots,
                stakeholders=stakeholders,
                relationships=relationships,
                enablers=enablers,
                dependencies=dependencies,
                user_groups=groups_built,
            )
        except ValidationError as exc:
            self.problems.append(IntakeProblem("", 0, "", format_validation_error(exc)))
            return None

    def read_settings(self) -> dict[str, Any] | None:
        rows = self._rows(INSTRUCTIONS, 500)
        if rows is None:
            return None
        labels = {c.header.lower(): c for c in SETTINGS}
        values: dict[str, Any] = {}
        where: dict[str, int] = {}
        self.headers[INSTRUCTIONS] = {c.key: c.header for c in SETTINGS}
        self.letters[INSTRUCTIONS] = {c.key: "B" for c in SETTINGS}
        for row_number, row in enumerate(rows, start=1):
            if row_number > 500:  # the settings block sits near the top; never scan a forged sheet
                break
            label = row[0] if row else None
            column = labels.get(label.strip().lower()) if isinstance(label, str) else None
            if column is None or column.key in where:
                continue
            where[column.key] = row_number
            if self.flagged(INSTRUCTIONS, row_number, [(1, column)]):
                continue
            value = row[1] if len(row) > 1 else None
            if is_blank(value):
                if column.required:
                    self.add(INSTRUCTIONS, row_number, column.key, "missing required value")
                continue
            try:
                values[column.key] = parse_cell(column, value)
            except CellError as exc:
                self.add(INSTRUCTIONS, row_number, column.key, str(exc))
        for column in SETTINGS:
            if column.key not in where and column.required:
                self.problems.append(
                    IntakeProblem(
                        INSTRUCTIONS, 0, column.header, "setting missing (a row labelled so in column A)"
                    )
                )
        method_id = values.pop("method", None)
        if method_id is not None and method_id != self.method.id:
            self.add(
                INSTRUCTIONS,
                where["method"],
                "method",
                f"the workbook is for scoring method {method_id!r}, not {self.method.id!r}",
            )
        data = _nest(values)
        finance = self.validate(FinanceSettings, data.pop("finance", {}), INSTRUCTIONS, 0, where, "finance.")
        checked = self.validate(Portfolio, data, INSTRUCTIONS, 0, where)
        if finance is None or checked is None:
            return None
        return {**data, "finance": finance, "method": MethodChoice(id=self.method.id)}

    def stakeholder(self, record: _Record) -> Stakeholder | None:
        data = _nest(record.values)
        position = data.pop("position", None)
        if position is not None:
            if "x" not in position or "y" not in position:
                missing = "position.y" if "x" in position else "position.x"
                self.add(STAKEHOLDERS.name, record.row, missing, "missing value: give both map coordinates")
                return None
            data["position"] = (position["x"], position["y"])
        built: Stakeholder | None = self.validate(Stakeholder, data, STAKEHOLDERS.name, record.row)
        return built

    def relationships(self, records: list[_Record], people: dict[str, Any]) -> list[Relationship]:
        out: list[Relationship] = []
        edges: dict[tuple[str, str, str], int] = {}
        sheet = RELATIONSHIPS.name
        for r in records:
            self.refs(sheet, r, "source", people, "stakeholder")
            self.refs(sheet, r, "target", people, "stakeholder")
            if not r.ok:
                continue
            source, target, kind = r.values["source"], r.values["target"], r.values["kind"].value
            if source == target:
                self.add(sheet, r.row, "target", f"{source!r} cannot have a relationship with themselves")
            elif (source, target, kind) in edges:
                self.add(
                    sheet, r.row, "", f"duplicate relationship (already on row {edges[source, target, kind]})"
                )
            else:
                edges[source, target, kind] = r.row
                out.append(self.validate(Relationship, r.values, sheet, r.row))
        return out

    def dependencies(
        self, records: list[_Record], pilots: set[str], work: dict[str, Any]
    ) -> list[Dependency]:
        out: list[Dependency] = []
        seen: dict[tuple[str, str], int] = {}
        sheet = DEPENDENCIES.name
        for r in records:
            self.refs(sheet, r, "pilot", pilots, "pilot")
            self.refs(sheet, r, "on", work, "pilot or enabler")
            if not r.ok:
                continue
            pilot, on = r.values["pilot"], r.values["on"]
            if pilot == on:
                self.add(sheet, r.row, "on", f"pilot {pilot!r} cannot depend on itself")
            elif (pilot, on) in seen:
                self.add(sheet, r.row, "", f"duplicate dependency (already on row {seen[pilot, on]})")
            else:
                seen[pilot, on] = r.row
                out.append(self.validate(Dependency, r.values, sheet, r.row))
        return out

    def pilot_extras(self, sheets: dict[str, list[_Record]], pilots: set[str]) -> dict[str, dict[str, Any]]:
        """Financials, ratings and gates per pilot id, validated with their own rows' locations."""
        extras: dict[str, dict[str, Any]] = {p: {"ratings": {}, "gates": {}} for p in pilots}
        fin_rows: dict[str, int] = {}
        for r in sheets[FINANCIALS.name]:
            self.refs(FINANCIALS.name, r, "pilot", pilots, "pilot")
            if not r.ok:
                continue
            pilot = r.values.pop("pilot")
            if pilot in fin_rows:
                self.add(
                    FINANCIALS.name,
                    r.row,
                    "pilot",
                    f"duplicate pilot {pilot!r} (already on row {fin_rows[pilot]})",
                )
                continue
            fin_rows[pilot] = r.row
            financials = self.validate(Financials, r.values, FINANCIALS.name, r.row)
            if financials is not None:
                extras[pilot]["financials"] = financials
        criteria = {c.id for c in self.method.criteria}
        seen: dict[tuple[str, str], int] = {}
        for r in sheets[RATINGS.name]:
            self.refs(RATINGS.name, r, "pilot", pilots, "pilot")
            self.refs(RATINGS.name, r, "criterion", criteria, f"criterion of method {self.method.id!r}:")
            if not r.ok:
                continue
            key = (r.values.pop("pilot"), r.values.pop("criterion"))
            if key in seen:
                self.add(RATINGS.name, r.row, "criterion", f"duplicate rating (already on row {seen[key]})")
                continue
            seen[key] = r.row
            if "score" not in r.values:
                if r.values:
                    self.add(
                        RATINGS.name,
                        r.row,
                        "score",
                        "missing required value (evidence or note without a score)",
                    )
                continue
            rating = self.validate(Rating, r.values, RATINGS.name, r.row)
            if rating is not None:
                extras[key[0]]["ratings"][key[1]] = rating
        gates = {g.id for g in self.method.gates}
        seen.clear()
        for r in sheets[GATES.name]:
            self.refs(GATES.name, r, "pilot", pilots, "pilot")
            self.refs(GATES.name, r, "gate", gates, f"gate check of method {self.method.id!r}:")
            if not r.ok:
                continue
            key = (r.values["pilot"], r.values["gate"])
            if key in seen:
                self.add(GATES.name, r.row, "gate", f"duplicate gate check (already on row {seen[key]})")
                continue
            seen[key] = r.row
            if "passed" in r.values:
                extras[key[0]]["gates"][key[1]] = r.values["passed"]
        return extras


def _nest(values: dict[str, Any]) -> dict[str, Any]:
    """Dotted keys (``kpi.target``) as nested dicts."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if "." in key:
            head, tail = key.split(".", 1)
            out.setdefault(head, {})[tail] = value
        else:
            out[key] = value
    return out
