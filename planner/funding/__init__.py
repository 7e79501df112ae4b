"""Funding: which pilots to fund under a budget and a capacity, solved exactly.

- `scenarios`: builds the integer programme from a portfolio and answers `fund` and `frontier`.
- `solver`: the programme itself (HiGHS through ``scipy.optimize.milp``) and conflict explanations.
"""
