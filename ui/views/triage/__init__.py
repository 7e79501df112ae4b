"""Views of the triage: the table, matrix, ratings grid, pilot editor, weights, stages, snapshots."""
