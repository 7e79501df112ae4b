"""The Excel scorecard workbook: live formulas, stored with their results, that recalculate to the
app's numbers, native charts, and sheets that print.

Start at `workbook.write_scorecard`. `context` holds what every sheet shares and the look-up by pilot
id; `scorecard`, `ratings` and `weights` are the live sheets; `summary` the first page (its content
is data, `summary_content`); `charts` the triage matrix and the other native charts; `plans`,
`graphs`, `funding` and `method_sheet` the other sheets, chosen by `optional`. `book` is the
XlsxWriter plumbing the intake template shares (formats, safe text, widths, print setup), `style`
the decision colours, `safe_cells` the guard that keeps untrusted text from becoming a formula.
"""
