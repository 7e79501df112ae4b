"""The live part of the scorecard workbook: Weights, Scorecard and Gates sheets.

The Scorecard's dimension scores, composite, rank and decisions are spreadsheet formulas over the
ratings on the same row, the weights row above the table (which reads the Weights sheet), the
thresholds and dimension weights (defined names on the Weights sheet) and the Gates sheet. They follow
the engine's rules (`planner.triage.scoring`):

- dimension = 100·Σ(w·r)/(5·Σw) over assessed criteria: an unassessed derived rating is a blank cell,
  masked out of the denominator with ``ISNUMBER``; 0 when no weight remains; clipped to 0–100;
- composite = dimension scores weighted by the dimension weights;
- decision = first matching rule (stop, pivot, secure sponsor, fix then scale, scale), then the
  override if the pilot has one;
- rank = by composite rounded to 9 decimals, ties by pilot name then id (a fixed tie-break column).

Derived ratings, months in pilot and the engine's tie-break are written as values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from planner.export.xlsx.style import (
    DECISION_FILLS,
    GREEN,
    RED,
    Styles,
    add_table,
    cf_fill,
    decision_label,
    print_setup,
    unique_headers,
)
from planner.method import DIMENSIONS, THRESHOLD_KEYS, Method, Weights
from planner.model import Portfolio
from planner.triage.finance import PilotFinance
from planner.triage.scoring import Prepared, Scores

WEIGHTS = "Weights"
SCORECARD = "Scorecard"
GATES = "Gates"
SC_FIRST = 5  # first data row of the Scorecard (row 2: weights, row 3: dimensions, row 4: headers)
GATES_FIRST = 4  # first data row of the Gates sheet
FIXED = (
    "Rank",
    "Pilot ID",
    "Pilot",
    "Decision",
    "Computed decision",
    "Override",
    "Composite",
    "Value",
    "Readiness",
    "Sponsorship",
    "Gates passed",
    "Months in pilot",
    "NPV",
    "Blocked by",
)
COL = {name: get_column_letter(i) for i, name in enumerate(FIXED, start=1)}
THRESHOLD_WORDS = {
    "stop_value": "Stop when value is below this",
    "stale_months": "Months in pilot after which a weak case is stopped",
    "stale_value": "…when value is below this",
    "value": "Value at or above this is a strong case",
    "readiness": "Readiness at or above this is technically sound",
    "sponsorship": "Sponsorship below this: secure a sponsor",
}

Tick = Callable[[], None]


@dataclass(frozen=True, slots=True)
class Sheet:
    """Everything the live sheets need, in the Scorecard's row order (best rank at export first)."""

    portfolio: Portfolio
    method: Method
    scores: Scores
    prepared: Prepared
    weights: Weights
    finance: dict[str, PilotFinance]
    order: tuple[int, ...]  # rows of `prepared` in Scorecard order
    criteria: tuple[int, ...]  # columns of `prepared.ratings`, grouped by dimension

    @property
    def last_row(self) -> int:
        return SC_FIRST + len(self.order) - 1


def write_weights(ws: Any, st: Styles, ctx: Sheet) -> dict[str, str]:
    """The editable Weights sheet; returns the cell (``$D$5``) holding each criterion's weight."""
    method, weights = ctx.method, ctx.weights
    wb = ws.parent
    ref = quote_sheetname(WEIGHTS)
    ws.freeze_panes = "A5"  # sheet views, widths and page properties precede the streamed rows
    print_setup(ws, "4:4", (22, 36, 14, 12, 12), landscape=False)
    ws.append([st.cell(ws, "Weights and thresholds", "title")])
    ws.append(
        ["Yellow cells are inputs: change them and the Scorecard recalculates (ranks and decisions too)."]
    )
    ws.append([])
    ws.append(
        [st.cell(ws, h, "header") for h in ("Criterion ID", "Criterion", "Dimension", "Weight", "Default")]
    )
    cells: dict[str, str] = {}
    row = 5
    for j in ctx.criteria:
        c = method.criteria[j]
        ws.append(
            [
                st.text(ws, c.id, "plain"),
                st.text(ws, c.name + (" (derived)" if c.derived else ""), "plain"),
                c.dimension,
                st.cell(ws, weights.criteria.get(c.id, c.weight), "weight"),
                st.cell(ws, c.weight, "rating"),
            ]
        )
        cells[c.id] = f"{ref}!$D${row}"
        row += 1
    first_weight, last_weight = 5, row - 1
    ws.append([])
    ws.append([st.cell(ws, h, "header") for h in ("Dimension", "Name", "", "Weight", "Default")])
    row += 2
    dims = {d.id: d for d in method.dimensions}
    for dim in DIMENSIONS:
        d = dims[dim]
        ws.append(
            [
                dim,
                st.text(ws, d.name, "plain"),
                "",
                st.cell(ws, weights.dimensions.get(dim, d.weight), "weight"),
                st.cell(ws, d.weight, "rating"),
            ]
        )
        wb.defined_names[f"dw_{dim}"] = DefinedName(f"dw_{dim}", attr_text=f"{ref}!$D${row}")
        row += 1
    last_dim = row - 1
    ws.append([])
    ws.append([st.cell(ws, h, "header") for h in ("Threshold", "Meaning", "", "Value", "Default")])
    row += 2
    for key in THRESHOLD_KEYS:
        ws.append(
            [
                key,
                THRESHOLD_WORDS[key],
                "",
                st.cell(ws, weights.thresholds[key], "weight"),
                st.cell(ws, method.thresholds[key], "rating"),
            ]
        )
        wb.defined_names[f"th_{key}"] = DefinedName(f"th_{key}", attr_text=f"{ref}!$D${row}")
        row += 1
    last_threshold = row - 1
    ws.append([])
    ws.append(["gates_total", "Gate checks a pilot must pass to scale", "", len(method.gates)])
    row += 1
    wb.defined_names["gates_total"] = DefinedName("gates_total", attr_text=f"{ref}!$D${row}")
    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=False)
    dv.error, dv.errorTitle = "Weights and thresholds are numbers of at least 0.", "Not a valid number"
    for area in (
        f"D{first_weight}:D{last_weight}",
        f"D{last_dim - 2}:D{last_dim}",
        f"D{last_threshold - len(THRESHOLD_KEYS) + 1}:D{last_threshold}",
    ):
        dv.add(area)
    ws.data_validations.append(dv)
    return cells


def _dimension_formula(r: int, first: str, last: str) -> str:
    weights = f"{first}$2:{last}$2"
    ratings = f"{first}{r}:{last}{r}"
    den = f"SUMPRODUCT({weights}*ISNUMBER({ratings}))"
    return f"=IF({den}=0,0,MAX(0,MIN(100,100*SUMPRODUCT({weights},{ratings})/(5*{den}))))"


def write_scorecard(ws: Any, st: Styles, ctx: Sheet, weight_cells: dict[str, str], tick: Tick) -> None:
    """The ranked Scorecard with live formulas; `tick()` is called after every row."""
    method, prepared, scores = ctx.method, ctx.prepared, ctx.scores
    crit = [method.criteria[j] for j in ctx.criteria]
    first_crit = len(FIXED) + 1
    key_col = get_column_letter(first_crit + len(crit))
    tie_col = get_column_letter(first_crit + len(crit) + 1)
    spans: dict[str, tuple[str, str]] = {}
    for dim in DIMENSIONS:
        idx = [k for k, c in enumerate(crit) if c.dimension == dim]
        spans[dim] = (get_column_letter(first_crit + idx[0]), get_column_letter(first_crit + idx[-1]))
    trailing = ["Rank key", "Tie-break", "Reason at export", "Override rationale"]
    headers = unique_headers([*FIXED, *(c.name for c in crit), *trailing])
    last = ctx.last_row
    ws.freeze_panes = f"D{SC_FIRST}"
    widths = [6, 10, 30, 15, 15, 13, 10, 9, 10, 11, 8, 9, 12, 14] + [9] * len(crit) + [10, 8, 50, 40]
    print_setup(ws, "4:4", widths)
    ws.column_dimensions[key_col].hidden = True
    ws.column_dimensions[tie_col].hidden = True
    ws.append([st.text(ws, f"Scorecard — {ctx.portfolio.name}", "title")])
    ws.append(
        [None] * (len(FIXED) - 1)
        + [st.cell(ws, "Weight →", "bold")]
        + [st.cell(ws, f"={weight_cells[c.id]}", "rating") for c in crit]
    )
    ws.append([None] * (len(FIXED) - 1) + [st.cell(ws, "Dimension →", "bold")] + [c.dimension for c in crit])
    ws.append([st.cell(ws, h, "header") for h in headers])
    gate_first = get_column_letter(3)
    gate_last = get_column_letter(2 + len(method.gates))
    rng = f"${key_col}${SC_FIRST}:${key_col}${last}"
    trng = f"${tie_col}${SC_FIRST}:${tie_col}${last}"
    gates = f"{quote_sheetname(GATES)}!"
    c = COL
    for offset, i in enumerate(ctx.order):
        r = SC_FIRST + offset
        pid = prepared.pilot_ids[i]
        pilot = ctx.portfolio.pilots[i]
        ps = scores.pilots[pid]
        months = float(prepared.months[i])
        override = decision_label(pilot.override.decision.value) if pilot.override else None
        v, rd, sp = f"{c['Value']}{r}", f"{c['Readiness']}{r}", f"{c['Sponsorship']}{r}"
        mo, gp = f"{c['Months in pilot']}{r}", f"{c['Gates passed']}{r}"
        computed = (
            f'=IF(OR({v}<th_stop_value,AND(ISNUMBER({mo}),{mo}>th_stale_months,{v}<th_stale_value)),"stop",'
            f'IF({v}<th_value,"pivot",IF({sp}<th_sponsorship,"secure sponsor",'
            f'IF(OR({rd}<th_readiness,{gp}<gates_total),"fix then scale","scale"))))'
        )
        composite = (
            f"=IF((dw_value+dw_readiness+dw_sponsorship)<=0,0,MAX(0,MIN(100,"
            f"({v}*dw_value+{rd}*dw_readiness+{sp}*dw_sponsorship)/(dw_value+dw_readiness+dw_sponsorship))))"
        )
        gr = GATES_FIRST + offset
        row: list[Any] = [
            st.cell(
                ws, f"=1+SUMPRODUCT(({rng}>{key_col}{r})+({rng}={key_col}{r})*({trng}<{tie_col}{r}))", "int"
            ),
            st.text(ws, pid, "plain"),
            st.text(ws, pilot.name, "plain"),
            f'=IF({c["Override"]}{r}<>"",{c["Override"]}{r},{c["Computed decision"]}{r})',
            computed,
            override,
            st.slot(ws, "composite", composite, "score"),
            st.slot(ws, "value", _dimension_formula(r, *spans["value"]), "score"),
            st.slot(ws, "readiness", _dimension_formula(r, *spans["readiness"]), "score"),
            st.slot(ws, "sponsorship", _dimension_formula(r, *spans["sponsorship"]), "score"),
            f'=COUNTIF({gates}{gate_first}{gr}:{gate_last}{gr},"pass")',
            None if months != months else st.slot(ws, "months", months, "score"),
            st.slot(ws, "npv", ctx.finance[pid].npv, "money"),
            st.text(ws, ", ".join(ps.blocked_by), "plain"),
        ]
        for j in ctx.criteria:
            row.append(
                st.cell(ws, float(prepared.ratings[i, j]), "rating") if prepared.assessed[i, j] else None
            )
        row.append(f"=ROUND(G{r},9)")
        row.append(int(prepared.tiebreak[i]))
        row.append(st.text(ws, ps.decision_reason, "plain"))
        row.append(st.text(ws, pilot.override.rationale, "plain") if pilot.override else None)
        ws.append(row)
        tick()
    if ctx.order:
        add_table(ws, "Scorecard", headers, 4, last)
        score_cols = f"{c['Composite']}{SC_FIRST}:{c['Sponsorship']}{last}"
        ws.conditional_formatting.add(
            score_cols,
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="F8696B",
                mid_type="num",
                mid_value=50,
                mid_color="FFEB84",
                end_type="num",
                end_value=100,
                end_color="63BE7B",
            ),
        )
        for label, colour in DECISION_FILLS.items():
            ws.conditional_formatting.add(
                f"{c['Decision']}{SC_FIRST}:{c['Computed decision']}{last}",
                CellIsRule(operator="equal", formula=[f'"{label}"'], fill=cf_fill(colour)),
            )
        ws.conditional_formatting.add(
            f"{c['Gates passed']}{SC_FIRST}:{c['Gates passed']}{last}",
            FormulaRule(formula=[f"{c['Gates passed']}{SC_FIRST}<gates_total"], fill=cf_fill(RED)),
        )


def write_gates(ws: Any, st: Styles, ctx: Sheet, tick: Tick) -> None:
    """Pilot × gate check matrix of "pass"/"fail" (the Scorecard counts the passes); editable."""
    method, prepared = ctx.method, ctx.prepared
    headers = unique_headers(["Pilot ID", "Pilot", *(g.name for g in method.gates), "Why checks fail"])
    ws.freeze_panes = f"C{GATES_FIRST}"
    print_setup(ws, f"{GATES_FIRST - 1}:{GATES_FIRST - 1}", [10, 30] + [12] * len(method.gates) + [60])
    ws.append([st.cell(ws, "Production gate: the checks before production", "title")])
    ws.append(["Each check is 'pass' or 'fail'; change one and the Scorecard's gates and decision follow."])
    ws.append([st.cell(ws, h, "header") for h in headers])
    for i in ctx.order:
        results = prepared.gates[i]
        reasons = "; ".join(f"{g.name}: {g.reason}" for g in results if not g.passed)
        ws.append(
            [
                st.text(ws, prepared.pilot_ids[i], "plain"),
                st.text(ws, ctx.portfolio.pilots[i].name, "plain"),
                *("pass" if g.passed else "fail" for g in results),
                st.text(ws, reasons, "plain"),
            ]
        )
        tick()
    last = GATES_FIRST + len(ctx.order) - 1
    if ctx.order:
        add_table(ws, "Gates", headers, GATES_FIRST - 1, last)
        area = f"C{GATES_FIRST}:{get_column_letter(2 + len(method.gates))}{last}"
        ws.conditional_formatting.add(
            area, CellIsRule(operator="equal", formula=['"pass"'], fill=cf_fill(GREEN))
        )
        ws.conditional_formatting.add(
            area, CellIsRule(operator="equal", formula=['"fail"'], fill=cf_fill(RED))
        )
        dv = DataValidation(type="list", formula1='"pass,fail"', allow_blank=False)
        dv.add(area)
        ws.data_validations.append(dv)
