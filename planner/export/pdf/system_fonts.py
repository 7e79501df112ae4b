"""Which installed font can draw a character: asked of the system, not guessed from a list of files.

- Linux and other fontconfig systems: ``fc-match -s 'sans-serif:charset=XXXX'`` lists the fonts in
  fontconfig's own order of preference for that character (the fonts a desktop would fall back to);
- Windows and macOS: the system and user font folders, broad-coverage families first.

Only TrueType outlines can be embedded by reportlab: fonts whose outlines are CFF (most ``.otf``, and
the ``.ttc`` of Noto CJK) and bitmap-only colour emoji fonts fail to register and are skipped by the
caller. Lookups are cached per block of 128 code points and bounded per process, so a name made of
thousands of unusual characters cannot make the pack slow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

MAX_LOOKUPS = 64  # distinct blocks looked up per process
FONT_SUFFIXES = (".ttf", ".ttc")

# Broad-coverage families tried first where there is no fontconfig (file names, lower case).
_PREFERRED = (
    "arialuni.ttf",
    "arial unicode.ttf",
    "segoeui.ttf",
    "nirmala.ttf",
    "nirmalas.ttf",
    "malgun.ttf",
    "msyh.ttc",
    "simsun.ttc",
    "msgothic.ttc",
    "meiryo.ttc",
    "yugothm.ttc",
    "seguisym.ttf",
    "seguiemj.ttf",
    "arial.ttf",
)


def _folders() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts"]


@lru_cache(maxsize=1)
def _folder_fonts() -> tuple[tuple[Path, int], ...]:
    """Every TrueType file in the font folders, preferred families first."""
    found: list[Path] = []
    for folder in _folders():
        if folder.is_dir():
            found += [p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()]
    rank = {name: k for k, name in enumerate(_PREFERRED)}
    found.sort(key=lambda p: (rank.get(p.name.lower(), len(rank)), p.name.lower()))
    return tuple((p, 0) for p in found)


def has_fontconfig() -> bool:
    return shutil.which("fc-match") is not None


def _fontconfig(char: str) -> list[tuple[Path, int]]:
    try:
        out = subprocess.run(
            [
                "fc-match",
                "-s",
                "--format",
                "%{file}\t%{index}\t%{fontformat}\n",
                f"sans-serif:charset={ord(char):x}",
            ],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces: list[tuple[Path, int]] = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[2] != "TrueType" or not parts[0].lower().endswith(FONT_SUFFIXES):
            continue
        try:
            faces.append((Path(parts[0]), int(parts[1] or 0)))
        except ValueError:
            continue
    return faces


_by_block: dict[int, tuple[tuple[Path, int], ...]] = {}


def candidates(char: str) -> tuple[tuple[Path, int], ...]:
    """Font files (path, face index) that may draw `char`, best first; looked up once per block of
    128 code points, and for at most `MAX_LOOKUPS` blocks (empty after that)."""
    block = ord(char) >> 7
    found = _by_block.get(block)
    if found is None:
        if len(_by_block) >= MAX_LOOKUPS:
            return ()
        found = tuple(_fontconfig(char)) if has_fontconfig() else _folder_fonts()
        _by_block[block] = found
    return found
