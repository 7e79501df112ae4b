"""Reading, sorting and recalculating scorecard workbooks in tests.

`convert` opens workbooks in LibreOffice headless with a profile that recalculates every formula on
load (LibreOffice keeps the stored results of an .xlsx by default, which would make a recalculation
test pass without recalculating anything) and saves them as `target`. `sort_rows` sorts a block of
rows the way a spreadsheet does: whole rows move, and each formula is adjusted as Excel adjusts a
formula that moves with its row (relative references shift by the move, absolute ones stay).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def find_soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("LIFTOFF_NO_LIBREOFFICE") == "1":
            pytest.skip("LibreOffice absent and LIFTOFF_NO_LIBREOFFICE=1")
        pytest.fail(
            "LibreOffice (soffice) is not on PATH: install libreoffice-calc-nogui, "
            "or set LIFTOFF_NO_LIBREOFFICE=1 to skip the recalculation tests"
        )
    return found


def convert(soffice: str, files: list[Path], out: Path, target: str = "xlsx") -> list[Path]:
    """Each file opened, fully recalculated and saved by LibreOffice as `target` in `out`."""
    profile = out / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out / "converted"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    results = [out / "converted" / f"{f.stem}.{target.split(':')[0]}" for f in files]
    for result in results:
        assert result.is_file(), f"LibreOffice did not produce {result.name}"
    return results


def sheet_rows(path: Path, sheet: str, header_row: int = 4, key: int = 1) -> dict[str, dict[str, Any]]:
    """Values (stored results, not recalculated) of `sheet` below `header_row`: the text in column
    `key` (0-based) -> header -> value."""
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        rows = list(wb[sheet].iter_rows(min_row=header_row, values_only=True))
    finally:
        wb.close()
    headers = [str(h) for h in rows[0]]
    return {str(row[key]): dict(zip(headers, row, strict=False)) for row in rows[1:] if row[key] is not None}


def header_columns(ws: Any, header_row: int = 4) -> dict[str, int]:
    """Header text -> 1-based column of `ws`."""
    return {c.value: c.column for c in ws[header_row] if c.value is not None}


def sort_rows(ws: Any, first: int, last: int, key: Callable[[list[Any]], Any]) -> None:
    """Sort rows `first`…`last` of `ws` by `key(values of the row)`, moving whole rows: every cell's
    value goes with its row and each formula is translated to its new row as Excel does on a sort."""
    width = ws.max_column
    rows = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in range(first, last + 1)]
    order = sorted(range(len(rows)), key=lambda k: key(rows[k]))
    for target, source in enumerate(order):
        to, origin = first + target, first + source
        for c, value in enumerate(rows[source], start=1):
            letter = get_column_letter(c)
            if isinstance(value, str) and value.startswith("="):
                value = Translator(value, origin=f"{letter}{origin}").translate_formula(f"{letter}{to}")
            ws.cell(to, c).value = value
