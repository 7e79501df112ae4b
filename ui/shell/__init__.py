"""The parts of the main window around the views: dock layout, presentation mode, menus, help.

`ui.main_window.MainWindow` owns the document, the views and the docks; the modules here arrange and
drive them, each for one concern:

- `layout`: where the docks go and how wide they start, for the screen the window is on; Reset layout.
- `presentation`: projector mode (large type, high contrast, the pilot editor as an overlay).
- `view_switcher`: the tab strip, or a view menu when the strip does not fit.
- `menus`: menu bar, toolbar, toolbar glyphs; `recent`: File → Open recent.
- `status`: the window's title and status bar.
- `help`: the keyboard sheet; `tour`: the short guided first run on the demo.
"""
