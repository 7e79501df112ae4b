"""Set up Liftoff in a local virtual environment from the lock, then run the app, the checks or a build.

    python scripts/bootstrap.py run [FILE]   # .venv with the app's locked dependencies; open the app
    python scripts/bootstrap.py test         # .venv with the dev tools too; run every check
    python scripts/bootstrap.py bundle       # build dist/liftoff with PyInstaller and smoke-test it
    python scripts/bootstrap.py lock         # re-resolve requirements/*.txt after pyproject.toml changed

Works the same on Linux, macOS and Windows (use ``py`` instead of ``python`` on Windows). Only the
standard library is used here, so it runs on a bare Python 3.11+.

Installs come from the lock (``requirements/run.txt``, ``requirements/dev.txt``: exact versions with
hashes for every system) and are stamped with the lock's hash, so a second start installs nothing.
With ``LIFTOFF_BUNDLE_TEST=1`` (CI sets it) ``test`` also builds a fresh bundle and smoke-tests it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXE = ".exe" if os.name == "nt" else ""
PYTHON = BIN / f"python{EXE}"
STAMP = VENV / "liftoff-installed.txt"
RUN_LOCK = ROOT / "requirements" / "run.txt"
DEV_LOCK = ROOT / "requirements" / "dev.txt"
DIST = ROOT / "dist"
LOCK_COMMAND = "make lock  (or: python scripts/bootstrap.py lock)"


def step(title: str, *command: str | Path, env: dict[str, str] | None = None) -> None:
    print(f"\n== {title}", flush=True)
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        print(f"\nFAILED: {title} (exit code {result.returncode})", file=sys.stderr)
        sys.exit(result.returncode)


def fingerprint(lock: Path) -> str:
    """What an install from `lock` depends on: the lock and the project's own metadata."""
    digest = hashlib.sha256(lock.read_bytes())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return f"{lock.name} {digest.hexdigest()}"


def installed() -> str:
    try:
        return STAMP.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def requirement_name(requirement: str) -> str:
    """The normalised project name of a requirement string (PEP 503)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if not match:
        raise ValueError(f"not a requirement: {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def locked_names(lock: Path) -> set[str]:
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock.read_text(encoding="utf-8"), re.MULTILINE)
    return {requirement_name(pin) for pin in pins}


def declared(lock: Path, pyproject: Path | None = None) -> list[str]:
    """The requirements of pyproject.toml that `lock` must pin: the project's dependencies and build
    backend, and for the dev lock the dev extras."""
    import tomllib

    meta = tomllib.loads((pyproject or ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = list(meta["project"]["dependencies"]) + list(meta["build-system"]["requires"])
    if lock.name == DEV_LOCK.name:
        wanted += meta["project"].get("optional-dependencies", {}).get("dev", [])
    return wanted


def lock_problems(lock: Path, pyproject: Path | None = None) -> list[str]:
    """One line per requirement of pyproject.toml that `lock` does not pin (empty when it covers all)."""
    if not lock.is_file():
        return [f"{lock.relative_to(ROOT)} is missing: run {LOCK_COMMAND}"]
    pinned = locked_names(lock)
    return [
        f"{lock.relative_to(ROOT)} does not pin {requirement.split(';')[0].strip()!r} from pyproject.toml: "
        f"run {LOCK_COMMAND} and commit requirements/"
        for requirement in declared(lock, pyproject)
        if requirement_name(requirement) not in pinned
    ]


def ensure_venv(lock: Path, *, check_lock: bool = True) -> None:
    """A .venv holding the versions `lock` pins (hash-checked) and Liftoff itself (editable); a no-op
    when the stamp says it already does. The dev lock pins the run lock's versions too, so an install
    from it serves `run` as well."""
    if sys.version_info < (3, 11):  # noqa: UP036 - a user may run this with an old Python
        sys.exit("Liftoff needs Python 3.11 or newer")
    if not lock.is_file():
        sys.exit("\n".join(lock_problems(lock)))
    wanted = fingerprint(lock)
    enough = {wanted} | ({fingerprint(DEV_LOCK)} if lock == RUN_LOCK and DEV_LOCK.is_file() else set())
    if PYTHON.exists() and installed() in enough:
        return
    problems = lock_problems(lock) if check_lock else []
    if problems:
        sys.exit("FAILED: the lock is out of date\n" + "\n".join(problems))
    if not PYTHON.exists():
        import venv

        print(f"== creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    STAMP.unlink(missing_ok=True)
    pip = [PYTHON, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    step(
        f"installing the locked dependencies ({lock.relative_to(ROOT)})", *pip, "--require-hashes", "-r", lock
    )
    step("installing Liftoff (editable)", *pip, "--no-deps", "--no-build-isolation", "-e", ".")
    STAMP.write_text(wanted + "\n", encoding="utf-8")


def ensure_system_tools(env: dict[str, str]) -> None:
    """Tools some tests check our files with: LibreOffice (recalculates workbooks and prints them,
    poppler's pdftotext reads the print back), GLib's gio,
    shared-mime-info and desktop-file-utils (read the desktop entry and file type as a desktop would).

    Where one is missing and this is a Debian-like machine run as root (CI), install it; elsewhere
    say plainly which tests will not run.
    """
    wanted = {
        "libreoffice-calc-nogui": ("soffice", "LIFTOFF_NO_LIBREOFFICE", "Excel recalculation"),
        "poppler-utils": ("pdftotext", "LIFTOFF_NO_LIBREOFFICE", "Excel recalculation"),
        "libglib2.0-bin": ("gio", "LIFTOFF_NO_DESKTOP_TOOLS", "desktop integration"),
        "shared-mime-info": ("update-mime-database", "LIFTOFF_NO_DESKTOP_TOOLS", "desktop integration"),
        "desktop-file-utils": ("desktop-file-validate", "LIFTOFF_NO_DESKTOP_TOOLS", "desktop integration"),
    }
    missing = {package: why for package, why in wanted.items() if not shutil.which(why[0])}
    if not missing:
        return
    can_install = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_install:
        step(
            f"installing {', '.join(missing)} for the tests that read our files back",
            "sh",
            "-c",
            "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
            f"apt-get install -y -qq {' '.join(missing)} >/dev/null",
        )
        return
    for package, (tool, variable, tests) in missing.items():
        print(f"\nNOTE: {tool} ({package}) not found: the {tests} tests are skipped on this machine.")
        env[variable] = "1"


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


def run(args: list[str]) -> None:
    ensure_venv(RUN_LOCK)
    program = BIN / f"liftoff{EXE}"
    if os.name == "nt":
        sys.exit(subprocess.run([str(program), *args]).returncode)
    sys.stdout.flush()
    os.execv(program, [str(program), *args])  # the app takes over this process: nothing in between


def test() -> None:
    ensure_venv(DEV_LOCK)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    ensure_system_tools(env)
    ensure_fonts(env)
    step("lint (ruff check)", PYTHON, "-m", "ruff", "check", ".")
    step("format (ruff format --check)", PYTHON, "-m", "ruff", "format", "--check", ".")
    step("layering contract (import-linter)", BIN / f"lint-imports{EXE}", env=env)
    step("types (mypy planner)", PYTHON, "-m", "mypy")
    step("tests (pytest)", PYTHON, "-m", "pytest", env=env)
    if os.environ.get("LIFTOFF_BUNDLE_TEST") == "1":
        bundle()
    print("\nAll checks passed.")


def bundle() -> None:
    """Build dist/liftoff from scratch with PyInstaller, then run the smoke test against it."""
    ensure_venv(DEV_LOCK)
    work = ROOT / "build" / "pyinstaller"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(DIST / "liftoff", ignore_errors=True)
    shutil.rmtree(DIST / "Liftoff.app", ignore_errors=True)
    step(
        "building the bundle (PyInstaller)",
        PYTHON,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={DIST}",
        f"--workpath={work}",
        ROOT / "packaging" / "liftoff.spec",
    )
    # The smoke test runs under the Python that runs this script, not the .venv's: the bundle must
    # not need either.
    step("smoke test of the bundle", sys.executable, ROOT / "packaging" / "smoke.py", DIST / "liftoff")


def lock(args: list[str]) -> None:
    """Re-resolve both locks for Linux, macOS and Windows, Python 3.11 and newer, keeping every
    pin that still fits (``--upgrade`` moves everything to the newest allowed versions)."""
    if DEV_LOCK.is_file():
        ensure_venv(DEV_LOCK, check_lock=False)  # the installed dev lock brings uv, which resolves
    else:  # the very first lock
        if not PYTHON.exists():
            import venv

            venv.EnvBuilder(with_pip=True).create(VENV)
        step("installing uv to resolve the first lock", PYTHON, "-m", "pip", "install", "-q", "uv")
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build_in = Path("build") / "lock-build-system.in"  # paths relative to ROOT: they appear in the lock
    (ROOT / build_in).parent.mkdir(exist_ok=True)
    (ROOT / build_in).write_text("\n".join(meta["build-system"]["requires"]) + "\n", encoding="utf-8")
    dev = DEV_LOCK.relative_to(ROOT)
    compile_ = [PYTHON, "-m", "uv", "pip", "compile", "--quiet", "--universal", "--generate-hashes"]
    compile_ += ["--python-version", "3.11", "--custom-compile-command", "make lock", *args]
    step("locking the dev tools and the app", *compile_, "pyproject.toml", "--extra", "dev", "-o", dev)
    step(
        "locking the app alone, at the dev lock's versions",
        *compile_,
        "pyproject.toml",
        build_in,
        "--constraint",
        dev,
        "-o",
        RUN_LOCK.relative_to(ROOT),
    )
    problems = lock_problems(RUN_LOCK) + lock_problems(DEV_LOCK)
    if problems:
        sys.exit("\n".join(problems))
    print("\nLocked. Commit requirements/; the next run or test installs from it.")


if __name__ == "__main__":
    commands = {
        "run": lambda rest: run(rest),
        "test": lambda rest: test(),
        "bundle": lambda rest: bundle(),
        "lock": lambda rest: lock(rest),
    }
    if (
        len(sys.argv) < 2
        or sys.argv[1] not in commands
        or (sys.argv[1] in ("test", "bundle") and sys.argv[2:])
    ):
        sys.exit(f"usage: python {Path(__file__).name} run [FILE] | test | bundle | lock [--upgrade]")
    commands[sys.argv[1]](sys.argv[2:])
