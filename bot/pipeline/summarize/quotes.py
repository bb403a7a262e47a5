"""Quotation tracking: which quotation marks open and close, and which sentences are quotation nobody is named for.

A sentence that opens with a quote ("'…,' she said.") or goes on with one opened a sentence before is read in
the context of the sentences around it; the key points skip quotation whose speaker it does not name, and give a
chosen sentence that ends a quotation its opening mark back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sumy.models.dom import ObjectDocumentModel, Sentence

from bot.pipeline.text import LETTER_WORD

_QUOTE_MARK = re.compile(r"[\"“”‘’'«»„]")
_MAX_QUOTED_RUN = 4  # sentences; a quotation "open" longer than this is more likely a stray mark


def _quote_marks(text: str) -> Iterator[tuple[int, bool, bool]]:
    """(position, opens?, double?) of each quotation mark; apostrophes ("hadn't", "'90s") are skipped."""
    for m in _QUOTE_MARK.finditer(text):
        i, c = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        follows_space = before.isspace() or before in "([—–-"
        if c in "'’":
            if before.isalnum() and after.isalnum():
                continue  # inside a word
            if follows_space and after.isalpha():
                yield i, True, False
            elif not before.isspace():
                yield i, False, False
        elif c == "‘":
            yield i, True, False
        elif c in "”»" or (c == "“" and not follows_space):  # „…“ closes with “
            yield i, False, True
        elif c == '"':
            yield i, follows_space, True
        else:
            yield i, True, True


def _quote_state(text: str) -> tuple[bool, bool]:
    """(does the text's first quotation mark close a quotation?, is a quotation still open at its end?)"""
    first_closes = None
    inside: bool | None = None  # the kind (double?) of the quotation open
    for _, opens, double in _quote_marks(text):
        if first_closes is None:
            first_closes = not opens
        if inside is None and opens:
            inside = double
        elif inside is not None and not opens and double == inside:
            inside = None
    return bool(first_closes), inside is not None


def closes_first(text: str) -> bool:
    return _quote_state(text)[0]


def left_open(text: str) -> bool:
    return _quote_state(text)[1]


def _unattributed_quotes(texts: Sequence[str], new_paragraph: Sequence[bool] | None = None) -> list[bool]:
    """Which sentences are quotation whose speaker they do not name: one that opens with a quote ("'…,' she
    said."), one a colon introduces ("He replied: '…'") or one that goes on with a quote opened a sentence
    before ("Second half, we tried.'"). Out of context such a sentence tells no one who said it, so it is not
    a key point (the issue's "quotes without context")."""
    return [unattributed for unattributed, _ in quotation_context(texts, new_paragraph)]


def quotation_context(
    texts: Sequence[str], new_paragraph: Sequence[bool] | None = None
) -> list[tuple[bool, int]]:
    """For each sentence: is it unattributed quotation (see _unattributed_quotes), and where does it close a
    quotation opened in a sentence before it ("We lost the boats,” Ruth Lane said." → 24; -1 if it does not)?"""
    out = []
    open_double: bool | None = None  # the kind of quotation still open at the end of the sentence before
    run = 0
    for k, text in enumerate(texts):
        text = text.strip()
        # A quotation that goes on into the next paragraph opens again there, so a paragraph starts outside one.
        inside = None if new_paragraph is not None and new_paragraph[k] else open_double
        quoted = inside is not None  # does the sentence start within a quotation (or one a colon introduces)?
        goes_on = quoted
        close = -1
        lead = ""  # the words before that quotation ("He replied:")
        rest: str | None = None  # the words after it
        for n, (i, opens, double) in enumerate(_quote_marks(text)):
            if inside is None and opens:
                inside = double
                if not quoted and rest is None and (i == 0 or text[:i].rstrip().endswith(":")):
                    quoted, lead = True, text[:i]
            elif inside is not None and not opens and double == inside:
                inside = None
                if quoted and rest is None:
                    rest = text[i + 1 :]
                    close = i if goes_on else -1
            elif n == 0 and not opens and double:
                # The end of a quotation longer than this follows ("…Pull. It. Down,” she wrote.")
                quoted = goes_on = True
                rest, close = text[i + 1 :], i
        if quoted and rest is None:
            rest = ""
        unattributed = (
            rest is not None and not _names_someone(rest) and not _names_someone(lead, lead_in=True)
        )
        out.append((unattributed, close))
        run = run + 1 if inside is not None and quoted else 0
        open_double = None if run >= _MAX_QUOTED_RUN else inside
    return out


# The mark that opens a quotation each closing mark ends („…“ is German).
_OPENING_MARK = {"”": "“", '"': '"', "’": "‘", "'": "'", "»": "«", "“": "„"}


def with_opening_marks(chosen: Sequence[Sentence], document: ObjectDocumentModel) -> list[str]:
    """The chosen sentences' text; one that ends a quotation opened a sentence before it gets its opening mark
    back (“We lost the boats,” Ruth Lane said.), so the reader sees where the quoted words start."""
    sentences = [s for s in document.sentences if not s.is_heading]
    # The context is read front to back, so it is needed only up to the last sentence chosen.
    wanted = {id(s) for s in chosen}
    last = max((k for k, s in enumerate(sentences) if id(s) in wanted), default=-1)
    sentences = sentences[: last + 1]
    firsts = {id(p.sentences[0]) for p in document.paragraphs if p.sentences}
    context = quotation_context([str(s) for s in sentences], [id(s) in firsts for s in sentences])
    close = {id(s): c for s, (_, c) in zip(sentences, context, strict=True)}
    out = []
    for sentence in chosen:
        text = str(sentence).strip()
        i = close.get(id(sentence), -1)
        out.append(_OPENING_MARK[text[i]] + text if i >= 0 and text[i] in _OPENING_MARK else text)
    return out


# Capitalised only because they start a sentence: "He replied: '…'", "But she added: '…'".
_LEAD_IN_WORDS = frozenset(
    {"he", "she", "they", "we", "it", "you", "but", "and", "so", "then", "later", "yet", "asked", "speaking"}
)


def _names_someone(text: str, lead_in: bool = False) -> bool:
    """Does the text outside a quotation name its speaker (a capitalised word other than "I")?"""
    for k, w in enumerate(LETTER_WORD.findall(text)):
        if not w[:1].isupper() or w == "I":
            continue
        if lead_in and ((k == 0 and w.lower() in _LEAD_IN_WORDS) or (len(w) > 1 and w.isupper())):
            continue  # a sentence's first word, or a caption label ("EXPERT VERDICT: '…'")
        return True
    return False
