"""The Excel intake: the workbook pilot teams fill in before a workshop, and its import.

- `workbook`: `write_template`, `read_intake` (all-or-nothing, every problem located) and `merge`.
- `layout`: the sheets and columns; `cells`: parsing one cell; `reader`, `template`: the two ways.
"""
