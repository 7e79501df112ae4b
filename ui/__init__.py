"""Liftoff's PySide6 desktop app: a thin layer of views and undoable commands over `planner`.

Start with `ui.document` (the open document and its one change signal), then `ui.commands` (every
edit as an undo command over a pure `planner.portfolio.edits` function) and `ui.main_window`.
"""
