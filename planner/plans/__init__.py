"""Plans: the phased rollout and the training that must land before each cohort goes live.

- `rollout`: which pilots roll out in what order (`rollout_order`), dated phases and gates under the
  caps, the critical path (`rollout_analysis`); results in `rollout_types`.
- `training`: sessions per audience and module before each cohort (`cohorts`), trainer capacity,
  hours, cost and the change-budget check; the module catalogue in `training_catalogue`.
- `calendar`, `timeline`: working days and capacity over time; `edits`: pure edits of plan settings.
"""
