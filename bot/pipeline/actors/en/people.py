"""A person's name: its first and last name, whether two first names may be one person's, and the one-name
royals a title alone ("the Queen") may stand for."""

from __future__ import annotations

from collections.abc import Iterable

from bot.pipeline.actors.en.vocabulary import _NAME_SUFFIX, _REGNAL


def _royals_titled(names: Iterable[str], title: str) -> set[str]:
    """The one-name royals among `names` whose title is `title` (lower case): "the Queen" is one of them."""
    return {n for n in names if _REGNAL.match(n) and _person_key(n)[0] == title}


def _person_key(name: str) -> tuple[str, str]:
    words = [w for w in name.split() if w.lower() not in _NAME_SUFFIX]
    return (words[0].lower() if len(words) > 1 else "", words[-1].lower() if words else "")


def _same_first_name(a: str, b: str) -> bool:
    """ "J." and "John", "Alex" and "Alexander" may be one person; "Shamima" and "Sharmeena" are two."""
    a, b = a.rstrip("."), b.rstrip(".")
    return a.startswith(b) or b.startswith(a)
