"""``python -m ui [project.liftoff]`` starts the desktop app."""

import sys

from ui.app import run

sys.exit(run(sys.argv[1:]))
