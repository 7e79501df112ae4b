"""The Weights sheet: criterion weights, dimension weights and decision thresholds, the yellow cells a
reader edits to re-weight the portfolio.

Formulas elsewhere find a weight by its id (``INDEX``/``MATCH`` on column A), and the defined names
``dw_<dimension>`` and ``th_<threshold>`` are such look-ups too, so sorting any of the three lists
keeps every score right. ``gates_total`` is the number of gate checks.
"""

from __future__ import annotations

from xlsxwriter.utility import quote_sheetname

from planner.export.xlsx.book import Book, Sheet
from planner.export.xlsx.context import HEADER, WEIGHTS, Context, quoted
from planner.method import DIMENSIONS, THRESHOLD_KEYS

THRESHOLD_WORDS = {
    "stop_value": "Stop when value is below this",
    "stale_months": "Months in pilot after which a weak case is stopped",
    "stale_value": "…when value is below this after that many months",
    "value": "Value at or above this is a strong case",
    "readiness": "Readiness at or above this is technically sound",
    "sponsorship": "Sponsorship below this: secure a sponsor",
}
CRITERIA_HEADERS = ("Criterion ID", "Criterion", "Dimension", "Weight", "Default")
DIMENSION_HEADERS = ("Dimension ID", "Dimension", "Share of the composite", "Weight", "Default")
THRESHOLD_HEADERS = ("Threshold", "Meaning", "Unit", "Value", "Default")


def _lookup(first: int, last: int, key: str) -> str:
    ref = quote_sheetname(WEIGHTS)
    return f"INDEX({ref}!$D${first}:$D${last},MATCH({quoted(key)},{ref}!$A${first}:$A${last},0))"


def weight_lookups(ctx: Context) -> dict[str, str]:
    """Each criterion's weight as a look-up formula by id (without the ``=``), for the Ratings sheet."""
    first, last = HEADER + 2, HEADER + 1 + len(ctx.criteria)
    ids = [ctx.method.criteria[j].id for j in ctx.criteria]
    return {cid: _lookup(first, last, cid) for cid in ids}


def write_weights(book: Book, ctx: Context) -> None:
    """Write the sheet and its defined names."""
    sheet = book.sheet(WEIGHTS)
    method, weights = ctx.method, ctx.weights
    sheet.title("Weights and thresholds")
    sheet.text(
        1,
        0,
        "Yellow cells are inputs: change one and every score, rank and decision follows. "
        f"A pilot must pass all {len(method.gates)} gate checks (Gates sheet) to scale.",
        "note",
    )
    sheet.header(HEADER, CRITERIA_HEADERS)
    row = HEADER + 1
    for j in ctx.criteria:
        c = method.criteria[j]
        sheet.label(row, 0, c.id)
        sheet.label(row, 1, c.name + (" (derived)" if c.derived else ""))
        sheet.label(row, 2, c.dimension)
        sheet.number(row, 3, weights.criteria.get(c.id, c.weight), "input")
        sheet.number(row, 4, c.weight)
        row += 1
    first, last = HEADER + 2, row  # 1-based rows of the criteria, as `weight_lookups` reads them

    row += 1
    sheet.header(row, DIMENSION_HEADERS)
    dims = {d.id: d for d in method.dimensions}
    d_first, d_last = row + 2, row + 1 + len(DIMENSIONS)
    total = sum(weights.dimensions.get(d, dims[d].weight) for d in DIMENSIONS)
    for dim in DIMENSIONS:
        row += 1
        weight = weights.dimensions.get(dim, dims[dim].weight)
        sheet.label(row, 0, dim)
        sheet.label(row, 1, dims[dim].name)
        sheet.formula(
            row,
            2,
            f"=IF(SUM($D${d_first}:$D${d_last})=0,0,D{row + 1}/SUM($D${d_first}:$D${d_last}))",
            weight / total if total else 0,
            "pct",
        )
        sheet.number(row, 3, weight, "input")
        sheet.number(row, 4, dims[dim].weight)
    for dim in DIMENSIONS:
        book.wb.define_name(f"dw_{dim}", "=" + _lookup(d_first, d_last, dim))

    row += 2
    sheet.header(row, THRESHOLD_HEADERS)
    t_first, t_last = row + 2, row + 1 + len(THRESHOLD_KEYS)
    for key in THRESHOLD_KEYS:
        row += 1
        sheet.label(row, 0, key)
        sheet.label(row, 1, THRESHOLD_WORDS[key])
        sheet.label(row, 2, "months" if key == "stale_months" else "score")
        sheet.number(row, 3, weights.thresholds[key], "input")
        sheet.number(row, 4, method.thresholds[key])
    for key in THRESHOLD_KEYS:
        book.wb.define_name(f"th_{key}", "=" + _lookup(t_first, t_last, key))
    book.wb.define_name("gates_total", f"={len(method.gates)}")

    sheet.fit(2, 12)
    _validate(sheet, [(first, last), (d_first, d_last), (t_first, t_last)])
    sheet.layout(repeat=None, caps={0: 24, 1: 50}, freeze=(HEADER + 1, 0))


def _validate(sheet: Sheet, spans: list[tuple[int, int]]) -> None:
    for first, last in spans:
        sheet.ws.data_validation(
            first - 1,
            3,
            last - 1,
            3,
            {
                "validate": "decimal",
                "criteria": ">=",
                "value": 0,
                "error_title": "Not a valid number",
                "error_message": "Weights and thresholds are numbers of at least 0.",
            },
        )
