"""Set up Liftoff in a local virtual environment, then run the app or the whole check.

    python scripts/bootstrap.py run    # create .venv, install Liftoff, open the app on the demo
    python scripts/bootstrap.py test   # create .venv, install Liftoff + dev tools, run every check

Works the same on Linux, macOS and Windows (use ``py`` instead of ``python`` on Windows). Only the
standard library is used here, so it runs on a bare Python 3.11+.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXE = ".exe" if os.name == "nt" else ""
PYTHON = BIN / f"python{EXE}"


def step(title: str, *command: str | Path, env: dict[str, str] | None = None) -> None:
    print(f"\n== {title}", flush=True)
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        print(f"\nFAILED: {title} (exit code {result.returncode})", file=sys.stderr)
        sys.exit(result.returncode)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - a user may run this with an old Python
        sys.exit("Liftoff needs Python 3.11 or newer")
    if not PYTHON.exists():
        print(f"== creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    step(
        "installing Liftoff and its dependencies",
        PYTHON,
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
        "-e",
        f".{extras}",
    )


def ensure_libreoffice(env: dict[str, str]) -> None:
    """The Excel formula tests recalculate workbooks with LibreOffice headless and read its printed
    PDF with poppler's pdftotext.

    Where they are missing and this is a Debian-like machine run as root (CI), install them;
    elsewhere say plainly that those tests will not run.
    """
    if (shutil.which("soffice") or shutil.which("libreoffice")) and shutil.which("pdftotext"):
        return
    can_install = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_install:
        step(
            "installing LibreOffice (headless) and poppler-utils for the Excel recalculation tests",
            "sh",
            "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
            "apt-get install -y -qq libreoffice-calc-nogui poppler-utils >/dev/null",
        )
        return
    print(
        "\nNOTE: LibreOffice or poppler-utils (pdftotext) not found: the Excel recalculation tests are "
        "skipped on this machine."
    )
    env["LIFTOFF_NO_LIBREOFFICE"] = "1"


SCRIPT_FONTS = "fonts-wqy-zenhei fonts-lohit-deva fonts-symbola"  # CJK and Hangul, Devanagari, emoji
SCRIPT_SAMPLES = {"Chinese/Japanese": "4e2d", "Korean": "ace0", "Hindi": "917", "emoji": "1f680"}


def _missing_script_fonts() -> list[str]:
    """Scripts no installed TrueType font draws, as fontconfig sees it (all of them without fc-list),
    and pdftotext when the test cannot read the pack back."""
    missing = [] if shutil.which("pdftotext") else ["pdftotext"]
    if not shutil.which("fc-list"):
        return missing + list(SCRIPT_SAMPLES)
    for script, code in SCRIPT_SAMPLES.items():
        found = subprocess.run(
            ["fc-list", "--format", "%{fontformat}\n", f":charset={code}"], capture_output=True, text=True
        ).stdout.split()
        if "TrueType" not in found:
            missing.append(script)
    return missing


def ensure_fonts(env: dict[str, str]) -> None:
    """The pack test draws names in every script with the system's fonts and reads them back with
    pdftotext (poppler-utils).

    Where a script has no font and this is a Debian-like machine run as root (CI), install them;
    elsewhere say plainly which scripts are missing (that test then skips, saying so).
    """
    missing = _missing_script_fonts()
    if not missing:
        return
    can_install = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_install:
        step(
            f"installing what the pack's script test needs ({', '.join(missing)})",
            "sh",
            "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
            f"apt-get install -y -qq fontconfig poppler-utils {SCRIPT_FONTS} >/dev/null",
        )
        if not _missing_script_fonts():
            return
    print(
        f"\nNOTE: missing for the pack's script test: {', '.join(missing)}; that test is skipped "
        f"(install fontconfig poppler-utils {SCRIPT_FONTS})."
    )
    env["LIFTOFF_NO_SCRIPT_FONTS"] = "1"


def run() -> None:
    ensure_venv("")
    step("opening Liftoff on the demo portfolio", PYTHON, "-m", "ui")


def test() -> None:
    ensure_venv("[dev]")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    ensure_libreoffice(env)
    ensure_fonts(env)
    step("lint (ruff check)", PYTHON, "-m", "ruff", "check", ".")
    step("format (ruff format --check)", PYTHON, "-m", "ruff", "format", "--check", ".")
    step("layering contract (import-linter)", BIN / f"lint-imports{EXE}", env=env)
    step("types (mypy planner)", PYTHON, "-m", "mypy")
    step("tests (pytest)", PYTHON, "-m", "pytest", env=env)
    print("\nAll checks passed.")


if __name__ == "__main__":
    commands = {"run": run, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: python {Path(__file__).name} run|test")
    commands[sys.argv[1]]()
