"""A Word document (.docx) → `Article`: its paragraphs' text, in order (python-docx reads the XML).

A .docx is a zip of XML parts: the archive's sizes are checked before anything is inflated, so a small file
cannot unpack into gigabytes. A password-protected Word file is not a zip at all but an encrypted OLE container,
and gets its own line. CPU work: the service runs it in its worker pool.
"""

from __future__ import annotations

import io
import zipfile
from typing import NoReturn

from bot.errors import InputError
from bot.model import Article

MAX_UNPACKED_BYTES = 200_000_000  # all parts of the archive together, inflated
MAX_PARTS = 5_000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx (or an old .doc) is an OLE compound file


def _damaged() -> NoReturn:
    raise InputError(
        "This Word file is damaged, so I can't read it; save it again as .docx or PDF, or paste the text."
    )


def looks_like_docx(data: bytes) -> bool:
    """A zip archive with a Word document part (a .docx, whatever the file is called)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _check_archive(data: bytes) -> None:
    if data.startswith(_OLE):
        raise InputError("This Word file is locked with a password; send an unlocked copy or paste the text.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _damaged()
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        _damaged()


def docx_to_article(data: bytes, source: str | None = None) -> Article:
    """The article in a .docx: its body's paragraphs, one per block (empty ones dropped)."""
    _check_archive(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [" ".join(p.text.split()) for p in document.paragraphs]
    except Exception:  # a malformed part can fail anywhere in the reader: the file is damaged, whatever broke
        _damaged()
    return Article(text="\n\n".join(p for p in paragraphs if p), source=source)
