"""Names in the nominative: a person's name read word by word with pymorphy2's dictionaries in one gender and one
case; a place's or an organization's as natasha normalizes it, with the capitals and the ё the text wrote."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.pipeline.actors.ru.models import load_models
from bot.pipeline.actors.ru.words import INITIALS, QUOTES, WORD, letters_of, name_key

# Short forms written for a country ("РФ") or its capital standing for its government are left as the text has
# them; these are the few spellings of one country the text may alternate between.
_SAME_PLACE = {"рф": "Россия", "беларусь": "Белоруссия", "республика беларусь": "Белоруссия"}
_LEGAL_FORM = re.compile(r"^(?:ПАО|ОАО|ЗАО|АО|ООО|НАО|ГК|АНО|ФГУП|ГУП|МУП)\s+")
_CYRILLIC_WORD = re.compile(r"^[а-яё]+(?:-[а-яё]+)*$", re.IGNORECASE)
_INDECLINABLE = 0.3  # the weight of a word before a foreign name's last read as an indeclinable nominative
_GUESS = 0.5  # the weight of a reading of a word pymorphy2 does not know, as itself or as a masculine noun
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_UD_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_OC_CASE = {"gen1": "gent", "gen2": "gent", "loc2": "loct", "acc2": "accs", "voct": "nomn"}
# A masculine name the dictionaries do not know declines like a noun on a consonant: "Ына" → "Ын".
_MASC_ENDINGS = {
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "datv": ("у", "ю"),
    "ablt": ("ом", "ем", "ём"),
    "loct": ("е",),
}


def normal(span: Any) -> str:
    """A place's or an organization's name as natasha normalizes it, written as the text writes it."""
    name = _with_written_capitals(" ".join((span.normal or span.text).split()), span.text)
    name = _with_written_yo(name, span.text)
    if span.type == "ORG":
        name = _organization_name(name)
    return _SAME_PLACE.get(name.lower(), name) if span.type == "LOC" else name


def _with_written_capitals(name: str, text: str) -> str:
    # Normalization lower-cases a word it cannot place; names keep the case the text gave them.
    if name.lower() == text.lower():
        name = text
    written = text.split()
    if len(written) == len(name.split()):
        name = " ".join(
            n.upper()
            if len(w := letters_of(raw)) > 1 and w[:2].isupper()
            else n[:1].upper() + n[1:]
            if w[:1].isupper()
            else n
            for n, raw in zip(name.split(), written, strict=True)
        )
    return name


def _with_written_yo(name: str, text: str) -> str:
    # Normalization spells ё as е: give the name back the ё the text wrote (inflection only changes a word's end).
    return "".join(
        ("Ё" if ch == "Е" else "ё") if i < len(text) and text[i] in "ёЁ" and ch in "еЕ" else ch
        for i, ch in enumerate(name)
    )


def _organization_name(name: str) -> str:
    # "ПАО «Газпром»" is "Газпром": the legal form and its quotes are not the name a reader uses.
    name = _LEGAL_FORM.sub("", name).strip()
    if len(name) > 2 and name[0] in QUOTES and name[-1] in QUOTES:
        name = name[1:-1].strip()
    return name


@dataclass(frozen=True)
class _Reading:
    """One way to read a word of a name: its gender and case, and its nominative."""

    gender: str  # "masc", "femn", or "" when it is either (ms-f, an indeclinable woman's surname)
    case: str
    nominative: str  # lower case, ё as е
    weight: float
    given: bool  # read as a first name

    def fits(self, gender: str, case: str) -> bool:
        return self.case == case and self.gender in ("", gender)


@lru_cache(maxsize=8192)
def _readings(word: str) -> tuple[_Reading, ...]:
    """pymorphy2's singular noun readings of a lower-case word: as a name weighs most, then as another animate
    noun, then any noun. A word it does not know may also read as itself, and, if it has no other reading, as a
    masculine noun on a consonant ("ына" → "ын")."""
    from pymorphy2.analyzer import Parse

    vocab = load_models().vocab
    plain = word.replace("ё", "е")
    out = []
    for p in vocab.parse(word):
        tag = p.tag
        case = _OC_CASE.get(str(tag.case), str(tag.case))
        if tag.POS != "NOUN" or tag.number != "sing" or case not in _CASES:
            continue
        if tag.gender == "neut" and "Fixd" not in tag:
            continue  # no name is neuter, but an indeclinable word ("Си") is any gender
        nominative = p.word
        if case != "nomn":
            form = Parse.inflect(p, {"nomn"})
            nominative = form.word if form is not None else p.word
        nominative = nominative.replace("ё", "е")
        if not p.is_known and not plain.startswith(nominative.rstrip("аяйь")):
            # A guessed paradigm may drop a vowel a foreign name never drops: "Шольцем" is Шольц, not "Шолец".
            nominative = _strip_masculine(plain, case) or nominative
        name_like = bool({"Name", "Surn", "Patr"} & tag.grammemes)
        weight = (1.0 if name_like else 0.6 if tag.animacy == "anim" else 0.3) + p.score
        gender = str(tag.gender) if tag.gender in ("masc", "femn") else ""
        out.append(_Reading(gender, case, nominative, weight, "Name" in tag.grammemes))
    if not out:
        for case in _MASC_ENDINGS:
            if stem := _strip_masculine(plain, case):
                out.append(_Reading("masc", case, stem, _GUESS, False))
    if not vocab.word_is_known(word):
        # pymorphy2 only guesses at a word it does not know ("Вэньцзе" as a locative): it may be a nominative.
        out.append(_Reading("", "nomn", plain, _GUESS, False))
    return tuple(out)


def _reads_as_itself(readings: Iterable[_Reading]) -> bool:
    return any(r.case == "nomn" for r in readings)


def _strip_masculine(word: str, case: str) -> str | None:
    """`word` without the ending of `case` of a masculine noun on a consonant, or None if it has no such ending."""
    for ending in _MASC_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 1 and stem[-1] not in "аеёиоуыэюяйь":
            return stem
    return None


def given_forms(word: str) -> set[str]:
    """The first names a one-word name may be a form of ("Олесю" → олеся, and олесь)."""
    key = name_key(word)
    return {key} | {r.nominative for r in _readings(key) if r.given}


def person_name(piece: Any, tokens: dict[str, Any]) -> tuple[str, bool]:
    """The name in the nominative, and whether a word of it stayed in an oblique case it could not be read out of.

    The words of a name share one gender and one case, so they are read together: in the gender and case most of
    them can be read in, the case the sentence gives the name breaking ties. natasha's normalization reads each word
    in the tagger's gender, which is often wrong for names: "Олесю Куприну" stayed as written and "Евгения
    Левченко" (a subject) became "Евгений".
    """
    written = _initials_first(piece.text.split())
    readings = {w: _readings(w.lower().replace("ё", "е")) for w in written if _CYRILLIC_WORD.match(w)}
    case, gender = _sentence_case(piece, tokens)
    best = max(
        ((g, c) for g in ("masc", "femn") for c in _CASES), key=lambda gc: _score(readings, case, gender, gc)
    )
    return _in_nominative(written, readings, best)


def _initials_first(written: list[str]) -> list[str]:
    """Initials after the surname go before it, as the digest writes them: "Песков Д.С." → "Д.С. Песков"."""
    cut = len(written)
    while cut > 1 and INITIALS.match(written[cut - 1]):
        cut -= 1
    return written[cut:] + written[:cut]


def _score(
    readings: dict[str, tuple[_Reading, ...]], case: str | None, gender: str | None, gc: tuple[str, str]
) -> tuple[float, bool]:
    """How well the words of a name read in the gender and case `gc`."""
    total, whole = 0.0, True
    for i, rs in enumerate(readings.values()):
        fit = max((r.weight for r in rs if r.fits(*gc)), default=None)
        # In a foreign name only the last word declines ("с Ким Чен Ыном"): a word before it that may be an
        # indeclinable nominative fits any case, a little.
        if fit is None and i < len(readings) - 1 and _reads_as_itself(rs):
            fit = _INDECLINABLE
        total += fit or 0.0
        whole &= fit is not None
    # A reading that fits every word wins over one the tagger's case or gender favours: the tagger reads a list
    # line "Евгения Левицкая" as a man's genitive.
    return total + 1.0 * whole + 1.5 * (gc[1] == case) + 0.3 * (gc[0] == gender), gc[1] == "nomn"


def _in_nominative(
    written: list[str], readings: dict[str, tuple[_Reading, ...]], best: tuple[str, str]
) -> tuple[str, bool]:
    """The words read in the gender and case `best`, in the nominative; and whether one stayed as written in an
    oblique case."""
    out = []
    unsure = False
    for w in written:
        fit = max((r for r in readings.get(w, ()) if r.fits(*best)), key=lambda r: r.weight, default=None)
        if fit is None:
            unsure |= w in readings and best[1] != "nomn"
            out.append(w)
        else:
            out.append(_shape(fit.nominative, w))
    return " ".join(out), unsure


def _sentence_case(piece: Any, tokens: dict[str, Any]) -> tuple[str | None, str | None]:
    """The case and gender the tagger gives a name; one of a list of subjects is in the nominative whatever the
    tagger read ("Андрей Рудаков, Олеся Куприна и Евгения Левченко ведут блоги")."""
    ids = {t.id for t in piece.tokens}
    root = next((t for t in piece.tokens if t.head_id not in ids and WORD.search(t.text)), None)
    if root is None:
        return None, None
    if all(t.id in ids for t in tokens.values() if WORD.search(t.text)):
        return "nomn", None  # a name on a line of its own (a list, a caption) is in the nominative
    gender = {"Masc": "masc", "Fem": "femn"}.get(root.feats.get("Gender", ""))
    # One of a list takes the case of the list's first name, which the tagger reads more surely.
    node, seen = root, set()
    while node.rel == "conj" and node.head_id in tokens and node.id not in seen:
        seen.add(node.id)
        node = tokens[node.head_id]
    if node is not root and node.rel.startswith("nsubj"):
        return "nomn", gender
    return _UD_CASE.get(node.feats.get("Case", "")), gender


def _shape(word: str, written: str) -> str:
    """The lower-case nominative `word` with the capitals and the ё of the word as written."""
    word = "".join(
        "ё" if ch == "е" and i < len(written) and written[i] in "ёЁ" else ch for i, ch in enumerate(word)
    )
    if len(letters_of(written)) > 1 and written.isupper():
        return word.upper()
    if not written[:1].isupper():
        return word
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def common_noun(word: str) -> bool:
    """A word the dictionary knows only as an inanimate common noun ("Диета" of "Диета Аткинса")."""
    vocab = load_models().vocab
    key = word.lower()
    if not _CYRILLIC_WORD.match(key) or not vocab.word_is_known(key):
        return False
    parses = vocab.parse(key)
    return len(key) > 3 and all(
        p.tag.POS == "NOUN"
        and p.tag.animacy == "inan"
        and not {"Name", "Surn", "Patr", "Geox", "Fixd"} & p.tag.grammemes
        for p in parses
    )
