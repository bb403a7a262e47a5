"""How names are written: the patterns every step reads words with, and the keys names are compared by."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]")
QUOTES = frozenset('«»„“”"')
# "Д.С.", "Д." and "В. В." written around a surname: a person's initials.
INITIALS = re.compile(r"^(?:[А-ЯЁA-Z]\.)+$")
LATIN_NAME = re.compile(r"^[A-Z][\w'’.&-]*(?:\s+[A-Za-z][\w'’.&-]*)+$", re.ASCII)
# Case endings, to tell that a one-word name morphology could not normalize ("Верхнеозёрска") is another's form.
_ENDING = re.compile(
    r"(?<=\w{3})(?:ами|ями|ого|его|ому|ему|ой|ей|ом|ем|ам|ям|ах|ях|ию|ия|ии|ью|а|я|у|ю|е|ы|и|о)$"
)


def letters_of(word: str) -> str:
    return "".join(ch for ch in word if ch.isalpha())


def stem_of(word: str) -> str:
    return _ENDING.sub("", word.lower().replace("ё", "е"))


def name_key(name: str) -> str:
    """A name as merging compares it: "Ковалёв" and "Ковалев" are one spelling."""
    return name.lower().replace("ё", "е")
