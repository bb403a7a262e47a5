"""PDF → `Article`: the text layer of a PDF file (uploaded, or behind a link), read with pypdf.

pypdf was measured against pdfminer.six on PDFs made for the purpose (bench/pdf.py, docs/benchmarks.md "PDF
reading"): it reads columns in the order they were written where pdfminer.six sometimes put the right one first,
it is 3 to 10 times faster, and it stops a decompression bomb at its stream limit where pdfminer.six grew to
2 GB. The paragraphs pdfminer.six's layout analysis finds are rebuilt here from the lines' positions and sizes
(bot.sources.wrapped).

The work is bounded, so one file cannot hold a worker for long: at most MAX_PAGES pages, MAX_CHARS characters
and about MAX_SECONDS seconds are read (the start of a long document is its digest), and every stream is
inflated to at most STREAM_LIMIT bytes. CPU work: the service runs it in its worker pool. Every failure is a
one-line InputError: no text layer (a scan), a password, a damaged file.
"""

from __future__ import annotations

import io
import logging
import math
import time
from typing import Any, NoReturn

from bot.errors import InputError
from bot.model import Article
from bot.sources.wrapped import Line, paragraphs

# pypdf logs a warning for every quirk of a malformed file; what the user needs is our one line.
logging.getLogger("pypdf").setLevel(logging.ERROR)

MAX_PAGES = 300
MAX_CHARS = 1_000_000  # about 1 MB of text: the pipeline digests that in a few seconds
MAX_SECONDS = 20.0  # checked between pages
STREAM_LIMIT = 16_000_000  # bytes one stream may inflate to; a dense page of text needs a few kilobytes

_LIMITS = {
    "zlib_maximum_output_length": STREAM_LIMIT,
    "lzw_maximum_output_length": STREAM_LIMIT,
    "run_length_maximum_output_length": STREAM_LIMIT,
    "array_based_stream_maximum_output_length": STREAM_LIMIT,
    "brotli_maximum_output_length": STREAM_LIMIT,
    "stream_decoding_work_maximum_length": 4 * STREAM_LIMIT,
}


def _locked() -> NoReturn:
    raise InputError("This PDF is locked with a password; send an unlocked copy or paste the text.")


def _damaged() -> NoReturn:
    raise InputError(
        "This PDF is damaged or cut short, so I can't read it; send the whole file or paste the text."
    )


def looks_like_pdf(data: bytes) -> bool:
    """A PDF's signature, which may follow up to 1 KB of junk (readers allow it, and so do we)."""
    return b"%PDF-" in data[:1024]


class _LineCollector:
    """A pypdf text visitor that keeps where each line of a page starts and how large it was set: pypdf hands
    the visitor the same pieces its text is made of, so the lines of `extract_text` line up with these."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._text = ""
        self._at: tuple[float, float, float] | None = None  # x, y, size of the line's first visible piece

    def __call__(self, text: Any, cm: Any, tm: Any, _font: Any, size: Any) -> None:
        if not isinstance(text, str):
            return
        parts = text.split("\n")
        for number, part in enumerate(parts):
            if number:
                self._end_line()
            if part.strip() and self._at is None:
                self._at = _placed(cm, tm, size)
            self._text += part

    def _end_line(self) -> None:
        x, y, size = self._at if self._at is not None else (0.0, None, 0.0)
        self.lines.append(Line(self._text, x, y, size))
        self._text, self._at = "", None

    def finish(self) -> list[Line]:
        if self._text:
            self._end_line()
        return self.lines


def _placed(cm: Any, tm: Any, size: Any) -> tuple[float, float, float] | None:
    """Where a piece of text starts on the page and its drawn size (Tf's size scaled by both matrices)."""
    try:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        drawn = float(size) * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        return float(x), float(y), abs(drawn)
    except (TypeError, ValueError, IndexError):
        return None


def read_pdf_pages(data: bytes) -> list[list[Line]]:
    """The lines of the first pages as pypdf reads them (within the bounds above). Raises InputError."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError

    with apply_configuration(None, **_LIMITS):
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):  # an owner-only lock opens with no password
                _locked()
            pages = reader.pages
            count = len(pages)
        except InputError:
            raise
        except (DependencyError, FileNotDecryptedError):  # a cipher we cannot undo is a lock all the same
            _locked()
        except Exception:  # a malformed file can break the parser anywhere: it is damaged, whatever broke
            _damaged()
        texts: list[list[Line]] = []
        read, failed = 0, 0
        deadline = time.monotonic() + MAX_SECONDS
        for number in range(min(count, MAX_PAGES)):
            if read >= MAX_CHARS or time.monotonic() > deadline:
                break
            collector = _LineCollector()
            try:
                text = pages[number].extract_text(visitor_text=collector)
            except Exception:  # a broken page (a bomb stopped at its limit, a bad font) costs that page only
                failed += 1
                continue
            lines = collector.finish()
            if [line.text for line in lines] != text.split("\n"):
                lines = [
                    Line(line) for line in text.split("\n")
                ]  # no positions then: the text is what counts
            texts.append(lines)
            read += len(text)
        if failed and not texts:
            _damaged()
    return texts


def pdf_to_article(data: bytes, source: str | None = None) -> Article:
    """The article in a PDF: its pages' text as paragraphs, headers, footers and page numbers left out."""
    text = "\n\n".join(paragraphs(read_pdf_pages(data)))
    if not text.strip():
        raise InputError("This PDF has no text layer (a scan?); send the text or a link to it.")
    return Article(text=text[:MAX_CHARS], source=source)
