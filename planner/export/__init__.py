"""Exports: what leaves the app for people who never open it.

`pdf/` writes the steering-committee pack, `xlsx/` the scorecard workbook. Each reads the engines'
results and only lays them out; a new format (a slide deck, say) is a new sibling folder here.
"""
