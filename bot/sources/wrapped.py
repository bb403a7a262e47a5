"""Pages of hard-wrapped lines (a PDF's text layer) → paragraphs, as the story was written.

A PDF knows lines, not paragraphs: every line of a column ends in a line break, a word split at the margin keeps
its hyphen, and each page repeats its header, footer and number. Here a paragraph ends at a wider gap between two
lines of a column than between its other lines, where a line stopped short although the next word would have
fitted (across a column or a page), or at a blank line; a heading (set larger than the body text) is a paragraph
of its own; hyphens at the margin are closed up; page numbers, lines repeated at the top or foot of most pages and
short lines there set smaller than the text are dropped; columns written row by row are put back column by column.
Pure functions; no PDF library here.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of a page as the reader found it: its text, where it starts (points, y upwards) and how large it
    was set. `y` is None when the reader gave no position."""

    text: str
    x: float = 0.0
    y: float | None = None
    size: float = 0.0


# Lines that are only a page number: "7", "Page 7", "7 of 12", "7/12", "- 7 -", "Стр. 7", "Страница 7 из 12".
_PAGE_NUMBER = re.compile(
    r"(?:(?:page|p\.|стр\.?|страница|seite|página)\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?"
    r"(?:\s*(?:/|of|из|von|de)\s*\d{1,4})?",
    re.IGNORECASE,
)
_EDGE_LINES = 2  # how many lines at the top and at the foot of a page may be running headers or footers
_RUNNING_MAX_CHARS = 80  # a running header or footer is short; a line of the story is not one
_SMALL = 0.85  # a short line at a page's edge set this much smaller than its body text is furniture too
_ENDS_SENTENCE = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")
_STARTS_BLOCK = re.compile(r"""^(?:[A-ZА-ЯЁ0-9"'“‘«(\[]|[•▪●◦–—-]\s)""")
_BULLET = re.compile(r"^(?:[•▪●◦*]|[–—-](?=\s)|\d{1,2}[.)](?=\s))")
_HYPHENATED = re.compile(r"(?<=[^\W\d_])[-\u00ad]$")
_FIT = 0.95  # a line shorter than this share of the column, with room for the next word, ended on purpose
_HEADING = 1.2  # a line set this much larger than the page's body text is a heading
_GAP = 1.4  # a gap this much wider than a page's usual line spacing separates paragraphs
_ZIGZAG = 0.25  # a page whose lines go back up (or across) this often was written row by row across columns
_COLUMN_GAP = 72.0  # points between the left edges of two columns, at least


def _edge_key(text: str) -> str:
    """A header or footer line as it repeats from page to page: numbers vary, case and spacing don't count."""
    return " ".join(re.sub(r"\d+", "#", text.casefold()).split())


def _running_lines(pages: Sequence[list[Line]]) -> set[str]:
    """Short lines at the top or foot of most pages (of two at least): headers and footers. Learnt from pages
    with a body between their edges (on a page of three lines every line is an edge)."""
    full = [lines for lines in pages if len(lines) > 2 * _EDGE_LINES + 1]
    if len(full) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in full:
        edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
        seen.update({_edge_key(line.text) for line in edges if len(line.text) <= _RUNNING_MAX_CHARS})
    return {key for key, count in seen.items() if count >= max(2, 0.6 * len(full))}


def _without_furniture(pages: Sequence[Sequence[Line]]) -> list[list[Line]]:
    """Each page's lines, stripped, without page numbers and running headers or footers (blank lines kept)."""
    split = [
        [
            Line(line.text.strip(), line.x, line.y, line.size)
            for line in lines
            if not _PAGE_NUMBER.fullmatch(line.text.strip())
        ]
        for lines in pages
    ]
    running = _running_lines([[line for line in lines if line.text] for lines in split])
    cleaned = []
    for lines in split:
        body = [line for line in lines if line.text]
        sizes = [line.size for line in body for _ in line.text if line.size > 0]
        small = _SMALL * statistics.median(sizes) if sizes else 0.0
        edges = {id(line) for line in body[:_EDGE_LINES] + body[-_EDGE_LINES:]}
        cleaned.append(
            [
                line
                for line in lines
                if not (
                    id(line) in edges
                    and len(line.text) <= _RUNNING_MAX_CHARS
                    and (_edge_key(line.text) in running or line.size < small)
                )
            ]
        )
    return cleaned


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """A page's lines column by column, top to bottom, when the file wrote them row by row across its columns
    (the reader then gives each row's pieces of two columns as one run); otherwise as they are."""
    placed = [line for line in lines if line.text.strip() and line.y is not None]
    if len(placed) < 6:
        return list(lines)
    back_up = sum(
        1 for a, b in itertools.pairwise(placed) if b.y is not None and a.y is not None and b.y >= a.y
    )
    if back_up < max(4, _ZIGZAG * len(placed)):
        return list(lines)
    # Column edges: left edges where three lines or more start, at least _COLUMN_GAP apart.
    starts = Counter(round(line.x) for line in placed)
    edges: list[int] = []
    for x in sorted(x for x, n in starts.items() if n >= 3):
        if not edges or x - edges[-1] >= _COLUMN_GAP:
            edges.append(x)
    if len(edges) < 2:
        return list(lines)

    def key(line: Line) -> tuple[int, float, float]:
        column = max((i for i, edge in enumerate(edges) if line.x >= edge - _COLUMN_GAP / 2), default=0)
        return column, -(line.y or 0.0), line.x

    unplaced = [line for line in lines if line.text.strip() and line.y is None]
    return sorted(placed, key=key) + unplaced


def _column_width(lengths: Sequence[int], fallback: float) -> float:
    """The width of a full line, in characters: the 90th percentile of a page's line lengths."""
    if len(lengths) < 8:
        return fallback
    ordered = sorted(lengths)
    return float(ordered[int(0.9 * (len(ordered) - 1))])


@dataclass(frozen=True)
class _Page:
    """What a page's lines are measured against: a full line's length, the body text's size, the line spacing."""

    width: float
    body_size: float
    spacing: float | None

    @classmethod
    def of(cls, lines: Sequence[Line], document_width: float) -> _Page:
        texts = [line for line in lines if line.text]
        width = _column_width([len(line.text) for line in texts], document_width)
        sizes = [line.size for line in texts for _ in line.text if line.size > 0]
        gaps = [
            round(a.y - b.y, 1)
            for a, b in itertools.pairwise(texts)
            if a.y is not None and b.y is not None and 0 < a.y - b.y < 4 * max(a.size, b.size, 1)
        ]
        # The line spacing is the smallest common gap (paragraph gaps can be as common, with short paragraphs).
        counts = Counter(gaps)
        common = [gap for gap, n in counts.items() if n >= max(2, 0.15 * len(gaps))]
        spacing = min(common or gaps) if gaps else None
        return cls(width, statistics.median(sizes) if sizes else 0.0, spacing)

    def is_heading(self, line: Line) -> bool:
        return self.body_size > 0 and line.size >= _HEADING * self.body_size

    def gap_between(self, line: Line, following: Line) -> bool | None:
        """Whether a paragraph gap separates two lines of one column (None: they are not, or no positions)."""
        if self.spacing is None or line.y is None or following.y is None:
            return None
        drop = line.y - following.y
        if drop <= 0 or abs(line.x - following.x) > 0.5 * self.width * max(line.size, 1):
            return None  # up to the next column, or across to another one: the gap says nothing
        return drop > _GAP * self.spacing


def _ends_paragraph(line: str, following: str, width: float) -> bool:
    """Without a gap to go by: whether `line` stopped short though `following`'s first word would have fitted,
    and it closes a sentence or the next line opens like a paragraph (a capital, a quote, a bullet)."""
    if _BULLET.match(following):
        return True
    first_word = following.split(maxsplit=1)[0]
    stopped_short = len(line) + 1 + len(first_word) <= _FIT * width
    return stopped_short and bool(_ENDS_SENTENCE.search(line) or _STARTS_BLOCK.match(following))


def _join(paragraph: list[str]) -> str:
    """A paragraph's lines as one line, with words split at the margin closed up again."""
    text = ""
    for line in paragraph:
        if text and _HYPHENATED.search(text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


def paragraphs(pages: Sequence[Sequence[Line]]) -> list[str]:
    """The paragraphs of a document given as its pages' lines, in reading order, furniture dropped. A paragraph
    that runs on from one page (or column) to the next is joined like any other."""
    cleaned = [reading_order(lines) for lines in _without_furniture(pages)]
    every = [len(line.text) for lines in cleaned for line in lines if line.text]
    document_width = _column_width(every, float(max(every, default=0)))
    # Every line with its page's measures, in order; a blank line ends a paragraph.
    stream = [
        (line, page) for lines in cleaned for page in [_Page.of(lines, document_width)] for line in lines
    ]
    result: list[str] = []
    current: list[str] = []
    for i, (line, page) in enumerate(stream):
        if not line.text:
            if current:
                result.append(_join(current))
                current = []
            continue
        heading = page.is_heading(line)
        if current and heading != stream[i - 1][1].is_heading(stream[i - 1][0]):
            result.append(_join(current))  # a heading begins, or the text after one
            current = []
        current.append(line.text)
        following = next((other for other, _ in stream[i + 1 :] if other.text), None)
        if following is None or not stream[i + 1][0].text:
            continue
        gap = page.gap_between(line, following)
        ends = gap if gap is not None else _ends_paragraph(line.text, following.text, page.width)
        if ends and not (heading and page.is_heading(following)):
            result.append(_join(current))
            current = []
    if current:
        result.append(_join(current))
    return result
