"""What a file that is not a project is, from its first bytes: the files people pick by mistake.

`liftoff validate report.pdf` should say "this is a PDF document", not "not UTF-8 text: byte 0xe2".
"""

from __future__ import annotations

_KINDS = (  # (leading bytes, what the file is) for the files people pick by mistake
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office document (.xls, .doc or .ppt)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
_ZIP_KINDS = (
    (b"xl/", "an Excel workbook (.xlsx); to bring a filled-in intake workbook in, use liftoff import"),
    (b"word/", "a Word document (.docx)"),
    (b"ppt/", "a PowerPoint presentation (.pptx)"),
)


def file_kind(data: bytes) -> str | None:
    """What a file that is not a project is, from its first bytes ("a PDF document"); None otherwise."""
    head = data[:64]
    if head.startswith(b"PK\x03\x04"):
        names = data[:4096]  # the first entries' names sit near the start of an Office file
        return next((kind for marker, kind in _ZIP_KINDS if marker in names), "a zip archive")
    return next((kind for magic, kind in _KINDS if head.startswith(magic)), None)
