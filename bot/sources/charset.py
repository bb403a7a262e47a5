"""Bytes → text for pages and files: BOM, then the declared charset, then UTF-8, then detection; never fails.

Shared by the fetcher and the CLI (a file or stdin) so both read a given byte string the same way.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # As browsers do: pages labelled Latin-1 or ASCII are really Windows-1252.
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def decode_body(body: bytes, declared: str | None, content_type: str = "text/html") -> str:
    """Decode with the BOM, else the declared charset (header, then <meta>), else detection; never fails."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return body.decode(bom_codec, errors="replace")
    candidates: list[str | None] = [_codec(declared)]
    if content_type != "text/plain":
        match = _META_CHARSET.search(body[:4096])
        candidates.append(_codec(match.group(1).decode("ascii")) if match else None)
    for codec in candidates:
        if codec is None:
            continue
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            break  # the declaration is wrong: fall back to detection rather than to the next guess
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(body)
    best = matches.best()
    if best is not None:
        # Latin scripts often tie between code pages; on the web Windows-1252 is by far the likeliest.
        for other in matches:
            tied = abs(other.chaos - best.chaos) < 0.01 and abs(other.coherence - best.coherence) < 0.01
            if tied and "cp1252" in other.could_be_from_charset:
                return body.decode("cp1252", errors="replace")
        return str(best)
    return body.decode("utf-8", errors="replace")
