"""What a name is: the cleaned surface form of a mention (no title, honorific or possessive, nothing from the
text around its span), junk that is no name, an acronym, the country a place mention stands for, and the words a
text writes in lower case."""

from __future__ import annotations

import re

from bot.pipeline.actors.en.model import Mention
from bot.pipeline.actors.en.vocabulary import (
    _FOOTER_WORDS,
    _HONORIFIC,
    _MEDIA_THE,
    _NEVER_LAST,
    _POSSESSIVE,
    _REGNAL,
    _TITLE_PREFIX,
)
from bot.pipeline.actors.gazetteer import _capitals, _countries


def _within_the_name(name: str) -> str:
    """The name without what an entity span took from the text around it: half a bracket ("Shanghai Composite
    (SHCOMP"), a next sentence's first word ("Crucible Theatre The"). An empty result is junk."""
    if name.count("(") > name.count(")"):
        name = name[: name.rindex("(")]
    if name.count(")") > name.count("("):
        return ""  # "Hawthorns) Team": the end of a bracket and what follows it
    words = name.split()
    while words and words[-1] in _NEVER_LAST:
        words.pop()
    return " ".join(words).rstrip(" :;,")


# A caption's label: a word and a colon before the caption's sentence ("…a deadly fight Tragic: Mr Roe was…"),
# which picture captions run into the text without a full stop. Not a quotation's source ("told Bild: 'We…'").
_LABEL_AFTER = re.compile(r":[ \t]+[A-Z0-9]")
_SOURCE_BEFORE = re.compile(
    r"\b(?:told|tells|said|says|to|on|in|at|by|from|for|with|of|and|or|the|a|an)\s+$", re.IGNORECASE
)
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w'’.-]*[ \t]+$")  # a capitalized word right before a name


def _alone_after(text: str, start: int) -> bool:
    """Whether no capitalized word but a courtesy title ("Ms", "Dr") comes right before `start`."""
    before = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
    return before is None or bool(_HONORIFIC.fullmatch(before.group()))


def _opens_a_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not before or before[-1] in ".!?…\n\"”'’"


def _without_caption_label(text: str, name: str, start: int, end: int) -> str:
    """The name without a caption's label glued to it: "Raqqa Downtrodden:" is "Raqqa" where the text writes
    "Raqqa" alone too; a one-word name that is only ever such a label ("Chaos:") is no name ("")."""
    if not _LABEL_AFTER.match(text, end) or _opens_a_sentence(text, start):
        return (
            name  # a speaker's or a section's label opens its line: "Joe Roe: We will…", "Acme United: The…"
        )
    words = name.split()
    if len(words) >= 2:
        # Written alone: no other capitalized word before or after it but a courtesy title ("Ms Jackson";
        # "Star Wars" is no "Wars").
        shorter = " ".join(words[:-1])
        found = re.finditer(rf"(?<![\w.-]){re.escape(shorter)}(?![\w-])(?!\s+[A-Z])", text)
        alone = (m for m in found if m.start() != start and _alone_after(text, m.start()))
        return shorter if next(alone, None) else name
    once = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)) == 1
    return "" if once and not _SOURCE_BEFORE.search(text, max(0, start - 12), start) else name


def _strip_name(text: str, label: str) -> str:
    text = " ".join(text.split()).replace("’", "'")  # one apostrophe, so "O’Toole" and "O'Toole" merge
    text = _POSSESSIVE.sub("", text).strip(" .,;:-–—\"'“”‘’()[]")
    if label == "PERSON" and not _REGNAL.match(text):
        for _ in range(3):
            new = _HONORIFIC.sub("", _TITLE_PREFIX.sub("", text))
            if new == text:
                break
            text = new
    words = text.split()
    if words and words[0].lower() == "the" and (label != "ORG" or words[-1].lower() not in _MEDIA_THE):
        text = " ".join(words[1:])
    return text


# Capitals that NER takes for a body but that name no one: time zones, offices in general, measures.
_NOT_NAMES = frozenset({
    "GMT", "UTC", "BST", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "IPO", "CEO", "CFO", "COO",
    "GDP", "AM", "PM", "TV", "FAQ", "PDF", "RSVP",
})  # fmt: skip


def _is_junk(text: str, raw: str) -> bool:
    if "\n" in raw or len(text) < 2 or not any(ch.isupper() for ch in text[:1]) or text in _NOT_NAMES:
        return True
    words = text.split()
    if len(words) > 7 or not any(ch.isalpha() for ch in text):
        return True
    if sum(w.lower().strip(".,") in _FOOTER_WORDS for w in words) >= max(1, len(words) // 2 + 1):
        return True
    return bool(re.search(r"[@#/\\|<>{}=_]|https?:|www\.", text))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _common_words(text: str) -> frozenset[str]:
    """Words the text writes in lower case: a capitalized one of them is an ordinary word, not a name."""
    return frozenset(re.findall(r"\b[a-z][a-z'-]+\b", text))


def _canonical(m: Mention) -> str:
    """The name a mention stands for: place and country mentions map to their canonical country."""
    if (m.acts or m.state) and m.label in {"GPE", "LOC"} and m.text in _capitals():
        return _capitals()[m.text]  # "Athens has denied…": the capital speaks for its country
    return _countries()[0].get(m.text, m.text)
