"""Names in every script a portfolio meets come back out of the pack (issue 13).

Pilots named in Chinese, Japanese, Korean, Hindi, Arabic, Hebrew and with an emoji: the pack finds a
font for each through the system's font configuration, `pdftotext` (poppler, an independent reader)
gives every name back, and no character is reported as undrawable. The pages were also looked at
rendered with ``pdftoppm``.

Fonts come from the system. ``scripts/bootstrap.py test`` installs them on a Debian machine run as
root (as CI is); elsewhere it says they are missing and sets LIFTOFF_NO_SCRIPT_FONTS, and this test
then skips saying which scripts have no font. Without that variable a missing font fails the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from planner.export.pdf.fonts import find_fonts
from planner.export.pdf.pack import PackOptions, build_pack
from planner.method import load_method
from planner.model import Pilot, Portfolio
from planner.triage.scoring import score

NAMES = {
    "Chinese": "发票匹配助手",
    "Japanese": "需要予測モデル",
    "Korean": "고객 이탈 예측",
    "Hindi": "ग्राहक सहायता",
    "Arabic": "مساعد الفواتير",
    "Hebrew": "חיזוי ביקוש",
    "emoji": "Rocket 🚀 launch",
}
FONT_PACKAGES = "fonts-wqy-zenhei fonts-lohit-deva fonts-symbola"


def missing_scripts() -> list[str]:
    fonts = find_fonts()
    lacking = []
    for script, name in NAMES.items():
        for ch in name:
            if ch.isspace() or ch in fonts.regular.chars or unicodedata.category(ch) in ("Mn", "Mc", "Cf"):
                continue
            if fonts.face_for(ch) is None:
                lacking.append(script)
                break
    return lacking


def test_every_script_is_drawn_and_read_back(tmp_path: Path) -> None:
    lacking = missing_scripts() + ([] if shutil.which("pdftotext") else ["pdftotext"])
    if lacking:
        message = f"missing for the script test: {', '.join(lacking)}: install {FONT_PACKAGES} poppler-utils"
        if os.environ.get("LIFTOFF_NO_SCRIPT_FONTS"):
            pytest.skip(message)
        pytest.fail(message + " (scripts/bootstrap.py test does this on Debian as root)")
    portfolio = Portfolio(
        name="Scripts",
        as_of=date(2026, 6, 1),
        pilots=[Pilot(id=f"P{k}", name=name) for k, name in enumerate(NAMES.values())],
    )
    method = load_method("pilot-to-production")
    out = tmp_path / "scripts.pdf"
    report = build_pack(
        out,
        portfolio,
        score(portfolio, method),
        method,
        PackOptions(sections=["cover", "scorecard", "triage"], invariant=True),
    )
    assert report.glyphs == [], [g.describe() for g in report.glyphs]
    if os.environ.get("LIFTOFF_KEEP_PACK"):
        shutil.copy(out, os.environ["LIFTOFF_KEEP_PACK"])
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    flat = unicodedata.normalize("NFKC", " ".join(text.split()))  # presentation forms → letters
    for script, name in NAMES.items():
        if script in ("Arabic", "Hebrew", "Hindi"):
            # shaped text comes back as the letters drawn; poppler may order right-to-left runs
            # visually or split clusters, so check the letters, not their order
            letters = {ch for ch in name if not ch.isspace() and unicodedata.category(ch)[0] == "L"}
            assert letters <= set(flat), (script, letters - set(flat))
        else:
            assert name in flat, (script, name)
