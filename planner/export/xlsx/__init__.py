"""The Excel scorecard workbook: live formulas that recalculate to the app's numbers.

`workbook.write_scorecard` writes every sheet; `scorecard` the ranked sheet and its formulas,
`plans` and `funding` the plan and scenario sheets, `style` the shared formats, `safe_cells` the
guard that keeps untrusted text from becoming a formula.
"""
