"""Candidates: the sentences the ranker scores, and which of them may be chosen as points.

A bare label, a heading, a table's cells, a pointer to a link and quotation whose speaker it does not name are
never points; they stay in the text the ranker scores, as in training.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Sentence

from bot.pipeline.summarize.quotes import quotation_context
from bot.pipeline.text import LETTER_WORD

MAX_CANDIDATES = 300
_MIN_QUOTED_WORDS = 3  # the end of a quotation shorter than this ("Out,” she wrote.") says nothing alone


def candidates(
    document: ObjectDocumentModel, count: int, title: str | None = None
) -> tuple[list[Sentence], np.ndarray]:
    """The sentences the ranker scores (not headings, at most MAX_CANDIDATES: news is front-loaded) and which of
    them may be chosen as points (if fewer than `count` may, any but the page's furniture; if still too few, all).

    The others stay in the text the ranker scores: it was trained on whole texts, and they are context.
    """
    sentences = [s for s in document.sentences if not s.is_heading][:MAX_CANDIDATES]
    firsts = {id(p.sentences[0]) for p in document.paragraphs if p.sentences}
    # A table's cells, whether or not the splitter left a row's marks in a sentence ("…| 1 tackle." | "1 sack.").
    tables = {
        id(s)
        for p in document.paragraphs
        if sum(len(_CELL_SEPARATOR.findall(str(s))) for s in p.sentences) >= 2
        for s in p.sentences
    }
    title_words = _word_key(title) if title else None
    furniture = np.array(
        [id(s) in tables or _is_page_furniture(s, title_words) for s in sentences], dtype=bool
    )
    eligible = ~furniture & np.array([_can_be_a_point(s) for s in sentences], dtype=bool)
    texts = [str(s).strip() for s in sentences]
    for k, (unattributed, close) in enumerate(quotation_context(texts, [id(s) in firsts for s in sentences])):
        if unattributed or (close >= 0 and len(LETTER_WORD.findall(texts[k][:close])) < _MIN_QUOTED_WORDS):
            eligible[k] = False
    # A text with too few such sentences (a page of quoted reviews, a post of short lines) still gets its points:
    # any of its own sentences first, the page's furniture last.
    if eligible.sum() < count:
        eligible = ~furniture
    if eligible.sum() < count:
        eligible[:] = True
    return sentences, eligible


# A line that ends no sentence is a heading, a caption, a product or a list line ("Why the ferry kept breaking
# down", "Harbour Pass for £45", "- Two extra crossings"), unless it is a long one: a sentence whose full stop the
# page lost.
LIST_MARKER = re.compile(r"^(?:[-–—•*·▪►✓✔]|\d{1,2}[.)])\s+")
# "…Ruth Calder, 20. '": a stray mark after a space still ends the sentence.
_ENDS_SENTENCE = re.compile(r"[.!?…。！？]\s?[\"'”’»)\]]*$")
# "Pos | Player": a row's cells, text on both sides of the bar.
_CELL_SEPARATOR = re.compile(r"(?<=[^\s|])\s*\|(?=\s*[^\s|])")
_HEADING_MAX_WORDS = 12
# "Click here for the timetable.", "You can see the full list here.": the link they point to is not in the digest;
# "Leave a comment…" asks for the page's comment box.
_LINK_POINTER = re.compile(
    r"\b(?:click|tap)\s+(?:here|below|on\s+(?:the|this)\s+link|the\s+link)\b"
    r"|\b(?:see|view|read|find|get|check\s+out|learn|watch|download|shop)\b.{0,80}\b(?:here|below)\W*$"
    r"|^(?:please\s+)?leave\s+(?:us\s+)?a\s+(?:comment|reply)\b",
    re.IGNORECASE,
)


def _word_key(text: str) -> str:
    return " ".join(LETTER_WORD.findall(text.lower()))


_TITLE_CASE_LOWER = frozenset({"with", "from", "into", "onto", "over", "than", "that", "upon", "your"})


def _title_case(words: Sequence[str]) -> bool:
    """ "Ferry Firm Names New Chief After Record Season": a headline's capitals, not a sentence's."""
    long = [w for w in words if len(w) > 3 and w not in _TITLE_CASE_LOWER]
    return len(long) >= 4 and all(w[:1].isupper() for w in long)


def _can_be_a_point(sentence: Sentence) -> bool:
    # "Watch the video:", "Pictured:", a lone name, the writer's own question ("So who will pay?"): nothing a
    # reader could take away. A quoted question ("…asked: 'Why now?'") is a statement of what was asked.
    return len(sentence.words) >= 3 and not str(sentence).rstrip().endswith((":", "?", "？"))


def _is_page_furniture(sentence: Sentence, title_words: str | None) -> bool:
    text = str(sentence).strip()
    words = sentence.words
    if not _ENDS_SENTENCE.search(text) and (
        LIST_MARKER.match(text) or len(words) <= _HEADING_MAX_WORDS or _title_case(words)
    ):
        return True
    # A page laid out in a table's cells ("| | Headline by A. Writer…", "| Caption |"), a pointer to a link, the
    # headline again: the digest shows the title already.
    return text.count("|") >= 2 or bool(_LINK_POINTER.search(text)) or _word_key(text) == title_words
