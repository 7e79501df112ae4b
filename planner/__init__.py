"""Liftoff's library: the model, the engines, the file formats and the command line, without Qt.

The packages are floors (docs/ARCHITECTURE.md): `cli` on top; then `intake` and `export`; the engines
`funding`, `plans` and `graphs`; `triage`; `portfolio`; and the ground floor of `method`, `model`,
`method_files`, `method_schema`, `committee`, `workshop`, `plan_settings`, `errors`, `formatting` and
`resources`. A module imports only from its own floor and
the floors below; import-linter checks it in `make test`.
"""
