"""Triage: from ratings to scores, gates, decisions and the reasons for them.

- `scoring`: `prepare` the portfolio once, then `score`/`rescore` under any weights (numpy).
- `derived`: criteria computed from data (benefit from the finances, gates from their rules).
- `support`: the stakeholder-support criterion, read off the stakeholder map.
- `decisions`: the decision rules in order; `labels`: decision names, colours, quadrant names.
- `explain`, `remediation`: why a pilot is stuck and what to do, ranked by uplift.
- `sensitivity`, `ahp`: how far a weight may move; pairwise weighting for workshops.
- `consensus`, `disagreement`: a workshop's consensus per rating and its spread; each rater's own
  decision, contested pilots and the discussion queue. `group_weights`: the room's pairwise weights
  beside each rater's. `coverage`, `rounds`: who rated what; how the spread narrowed by round.
- `finance`: NPV, payback, ROI and risk-adjusted value of a pilot's business case.
- `snapshots`: results as a committee saw them, and what moved since.

Start at `scoring.score`.
"""
