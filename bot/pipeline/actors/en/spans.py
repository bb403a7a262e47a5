"""Repairing an entity span spaCy got wrong, from its tokens: words glued on before or after it, two names run
together, a rank or a playing position inside, a second name glued to it where a page lost a space."""

from __future__ import annotations

import re
from typing import Any

from bot.pipeline.actors.en.vocabulary import _LEGAL_FORM, _SENTENCE_ADVERBS, _TITLE_PREFIX

# A team's abbreviated playing position between it and a player ("Browns DL Sheldon Richardson"): case-sensitive.
_POSITIONS = frozenset({"QB", "WR", "RB", "TE", "DL", "DE", "DT", "LB", "CB", "OL", "OT", "OG", "FS", "GK"})
# A rank or office inside an entity after other words: "Cottonwood Police Sgt Jeremy Daniels" is a body and a
# person ("Army Spc Caleb Barnes" likewise).
_INNER_TITLES = {
    "sgt", "sergeant", "officer", "detective", "det", "constable", "pc", "inspector", "lt", "lieutenant", "capt",
    "captain", "spc", "specialist", "pvt", "private", "cpl", "corporal", "gen", "col", "maj", "spokesman",
    "spokeswoman", "chief", "president", "chairman", "director", "minister", "secretary", "sheriff", "deputy",
}  # fmt: skip
_VERB_TAGS = {"VBD", "VBN", "VBZ", "VBP", "VBG", "VB"}
_TITLE_GLUE = {"on", "of", "the", "and", "in", "at", "for", "to", "a", "an", "off", "out", "by", "with"}


def _split_span(doc: Any, ent: Any) -> list[tuple[Any, str]]:
    """Repair an entity span from its tokens: drop trailing verbs and lower-case words ("Washington D.C.
    Pictured", "Sheffield Eagles at"), split at a verb inside ("Spiegel Online quoted Varoufakis") and before
    a rank inside ("Cottonwood Police Sgt Jeremy Daniels")."""
    start, end = ent.start, ent.end
    glue = {"RB", "RBR", "RBS", "UH", "CC", "IN", "DT", "TO"}
    opens = start == 0 or doc[start - 1].text in {".", "!", "?", ":", '"', "'", "“", "”", "‘", "’"}
    # "Later the European Commission", "Meanwhile Acme": a sentence adverb (and the article after it) glued on.
    if opens and end - start > 1 and doc[start].tag_ in glue - {"DT"}:
        start += 1
        if end - start > 1 and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
    # "at the On The Mat Sports Club": capitalized function words inside a sentence belong to the name after them.
    k = start - 1
    while k >= 0 and doc[k].lower_ in _TITLE_GLUE and doc[k].text[:1].isupper() and not doc[k].ent_type_:
        k -= 1
    if k < start - 1 and k >= 0 and doc[k].text[:1].islower():
        start = k + 1
    # "Sheffield Eagles at", "Swansea Meanwhile" (a caption without its full stop, then the next sentence's adverb).
    while end - start > 1 and (
        doc[end - 1].tag_ in _VERB_TAGS
        or doc[end - 1].text[:1].islower()
        or doc[end - 1].lower_ in _SENTENCE_ADVERBS
    ):
        end -= 1
    for k in range(start + 1, end - 1):
        if doc[k].tag_ in _VERB_TAGS and doc[k].text[:1].islower():
            return [(doc[start:k], ent.label_), (doc[k + 1 : end], ent.label_)]
        # "SpaceX's Starship, Blue Origin's Blue Moon" run together: a comma inside is two names, unless what
        # follows is a legal form or a suffix ("Acme, Inc.", "Roe, Jr.").
        if (
            doc[k].text == ","
            and doc[k + 1].text[:1].isupper()
            and not _LEGAL_FORM.match(" " + doc[k + 1].text)
            and doc[k + 1].lower_.rstrip(".") not in {"jr", "sr"}
        ):
            return [(doc[start:k], ent.label_), (doc[k + 1 : end], ent.label_)]
    if not _TITLE_PREFIX.match(ent.text):
        for k in range(start + 1, end - 1):
            if doc[k].lower_.rstrip(".") in _INNER_TITLES and doc[k + 1].text[:1].isupper():
                return [(doc[start:k], "ORG"), (doc[k:end], "PERSON")]
            if doc[k].text in _POSITIONS and end - k >= 3:
                return [(doc[start:k], "ORG"), (doc[k + 1 : end], "PERSON")]  # "Browns DL Sheldon Richardson"
    return [(doc[start:end], ent.label_)]


# Two capitalized words glued where a page lost the space or break between them ("Kristi NoemKristi Lynn Noem",
# a caption run into a link): lower case, then upper case, inside one word.
_GLUE = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2})")


def _glued_at(raw: str, words: frozenset[str]) -> int | None:
    """Where an entity's text runs into a second name glued to it, if it does: both halves of the glued word
    are words the text also writes on their own ("Noem", "Kristi"), unlike "McDonald", "DeSantis", "YouTube"."""
    for seam in _GLUE.finditer(raw):
        left = re.search(r"[A-Z][a-z]+$", raw[: seam.start()])
        right = re.match(r"[A-Z][a-z]+", raw[seam.start() :])
        if left and right and left.group() in words and right.group() in words:
            return seam.start()
    return None
