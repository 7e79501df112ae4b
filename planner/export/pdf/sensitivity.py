"""The method appendix's note on how robust the weights are.

For each weight, the range it can take (every other weight fixed) before the top of the ranking or any
decision changes, in the words the command line and the app use (`planner.triage.sensitivity_words`):
"from 6 to 64", "from 11 up to the maximum (100)".
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable

from planner.export.pdf.common import Ctx, data_table
from planner.formatting import number
from planner.triage.sensitivity import WEIGHT_MAX, WEIGHT_MIN, sensitivity
from planner.triage.sensitivity_words import holds


def weights_robustness(ctx: Ctx) -> list[Flowable]:
    if not ctx.portfolio.pilots:
        return []
    result = sensitivity(ctx.prepared(), ctx.weights)
    out: list[Flowable] = [CondPageBreak(160), ctx.rich("How far each weight can move", "h2")]
    out.append(
        ctx.rich(
            f"Each weight alone, all others fixed: the range it can take before the top {result.top} of the "
            f"ranking, or any decision, changes. A weight can be set from {WEIGHT_MIN} to {WEIGHT_MAX}; a "
            "range that holds up to the maximum means no setting of that weight changes it.",
            "body",
        )
    )
    rows = [
        [
            ctx.rich(ctx.m(ws.name), "cell"),
            number(ws.current),
            ctx.rich(holds(ws.ranking), "cell"),
            ctx.rich(holds(ws.decisions), "cell"),
        ]
        for ws in result.weights
    ]
    rest = (ctx.width - 36) / 3
    heads = ["Weight", "Now", f"Top {result.top} holds", "Every decision holds"]
    out += data_table(ctx, heads, rows, [rest, 36, rest, rest], numeric=(1,))
    return out
