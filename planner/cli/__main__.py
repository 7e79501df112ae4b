"""``python -m planner.cli``: the command line on its own, without the desktop app."""

import sys

from planner.cli import main

sys.exit(main())
