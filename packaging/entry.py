"""The bundled program's entry: ``liftoff`` with no command opens the app, with one runs the CLI."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
