"""What every sheet of the scorecard workbook shares: the scored portfolio in Scorecard order, the
sheet names, where each table starts, and the look-up by pilot id that survives sorting.

Every data sheet has its title on row 1, its header on row 4 and its first pilot on row 5. A sheet
that reads another sheet's number finds the pilot's row there by its id (``INDEX``/``MATCH`` on the
id column), never by a fixed row: a user may sort any sheet and every formula still reads its own
pilot.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import quote_sheetname, xl_col_to_name

from planner.method import Method, Weights
from planner.model import Portfolio
from planner.triage.finance import PilotFinance
from planner.triage.scoring import Prepared, Scores

SUMMARY = "Summary"
SCORECARD = "Scorecard"
RATINGS = "Ratings"
WEIGHTS = "Weights"
GATES = "Gates"
HEADER = 3  # 0-based row of every data sheet's header (row 4 in the spreadsheet)
FIRST = HEADER + 2  # first data row, 1-based, as formulas write it (row 5)
DIMENSION_OF = {"Value": "value", "Readiness": "readiness", "Sponsorship": "sponsorship"}  # column -> id


def col(index: int) -> str:
    """The column letter of 0-based column `index`."""
    return xl_col_to_name(index)


def quoted(text: str) -> str:
    """`text` as a string literal inside a formula."""
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Context:
    """The scored portfolio and everything the live sheets need, in Scorecard order (best rank first)."""

    portfolio: Portfolio
    method: Method
    scores: Scores
    prepared: Prepared
    weights: Weights
    finance: dict[str, PilotFinance]
    order: tuple[int, ...]  # rows of `prepared`, in Scorecard order
    criteria: tuple[int, ...]  # columns of `prepared.ratings`, grouped by dimension

    @property
    def dimension_names(self) -> dict[str, str]:
        """The method's name of each dimension ("Value", or "Payoff" in a method that says so)."""
        return {d.id: d.name for d in self.method.dimensions}

    def headers(self, names: tuple[str, ...]) -> list[str]:
        """`names` with the dimension columns ("Value", "Readiness", "Sponsorship") named as the
        method names its dimensions."""
        own = self.dimension_names
        return [own.get(DIMENSION_OF.get(name, ""), name) for name in names]

    @property
    def last(self) -> int:
        """The last data row (1-based) of a sheet with one row per pilot; `FIRST` when there are none."""
        return max(FIRST + len(self.order) - 1, FIRST)

    def column(self, sheet: str, index: int) -> str:
        """The absolute data range of 0-based column `index` on `sheet` (``'Gates'!$C$5:$C$31``)."""
        c = col(index)
        return f"{quote_sheetname(sheet)}!${c}${FIRST}:${c}${self.last}"

    def lookup(self, sheet: str, index: int, row: int | str) -> str:
        """The value in column `index` of `sheet` on the row of the pilot whose id is in column B of
        spreadsheet row `row` here (every per-pilot sheet has the pilot id in column A)."""
        return f"INDEX({self.column(sheet, index)},MATCH($B{row},{self.column(sheet, 0)},0))"
