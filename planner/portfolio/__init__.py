"""The portfolio as a document: the project file, its migrations, and the pure edits the app undoes.

- `store`: load, validate, migrate and atomically save a ``*.liftoff`` file.
- `lock`: one writer per project file, shared by the app and the command line.
- `migrations`: one dict-to-dict step per schema version, run before validation.
- `edits`: every change a user can make, as a pure function from a portfolio to a new one;
  `workshop_edits`: the same for raters, their values, the facilitator's consensus, rounds and
  pairwise answers.

Start at `store.load`. Nothing here computes a score: this floor knows the model and the method only.
"""
