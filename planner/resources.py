"""Where the shipped templates (methods, demo portfolios, pack styles) are found.

In a source checkout they sit in ``templates/`` beside the packages; an installed wheel carries
them inside the package as ``planner/templates`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The templates folder of this installation."""
    for candidate in (_HERE / "templates", _HERE.parent / "templates"):
        if (candidate / "methods").is_dir():
            return candidate
    raise FileNotFoundError("Liftoff's templates folder is missing from this installation")
