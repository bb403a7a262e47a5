"""Sentence ends that are not: where punkt cut a sentence that goes on, the parts are joined again.

Punkt ends a sentence after an initial, a title's abbreviation, a quotation that ends in "!" or "?", or a
dateline's abbreviation; the word after the cut shows whether the sentence goes on there.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.pipeline.summarize.quotes import closes_first, left_open
from bot.pipeline.text import SENTENCE_OPENERS, starts_in_lower_case

# Punkt ends a sentence after a middle initial ("Clarence J." | "Brown Dam…", "J.R.R." | "Tolkien…"); a name
# or a title before the initial shows it is one ("Hon. B." | "U. Eze"). Two-letter forms ("U.S.") end sentences
# too often to join on their own; they are joined only as an article's adjective before a body or office ("the
# U.S." | "Ambassador to …").
_TRAILING_INITIAL = re.compile(r"(?:\b[A-Z][a-z]+\.?\s+[A-Z]\.|\b[A-Z]\.[A-Z]\.[A-Z]\.)$")
_TRAILING_COUNTRY = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:U\.S\.|U\.K\.|U\.N\.|E\.U\.)$")
_BODY_OR_OFFICE = re.compile(
    r"(?:Ambassadors?|Embassy|Consulate|Envoy|Army|Navy|Air|Marines?|Coast|Military|Forces|Special|Senate|Senator|"
    r"House|Congress(?:man|woman)?|President|Secretary|State|Department|Supreme|Court|District|Attorney|Justice|"
    r"Treasury|Government|Federal|National|Defense|Homeland|Intelligence|Geological|Census|Postal|Border|Customs|"
    r"Immigration|Security|Council|General|Commission|Parliament|Trade|Commerce|Energy|Health|Agency|Open|"
    r"Olympics?|Chamber|Central)\b"
)


# A title abbreviation stands before a name, never at a sentence's end ("signed by Kansas Gov." | "Sam …"); nor
# does "No." before a number. Two initials with no article before them are a name's ("legend B.B." | "King …",
# "Texas M.D." | "Anderson …") unless they are a place's, which often ends a sentence ("Washington, D.C.").
_TRAILING_TITLE = re.compile(
    r"\b(?:Gov|Govs|Sen|Sens|Rep|Reps|Gen|Lt|Col|Sgt|Capt|Cpl|Pvt|Adm|Maj|Cmdr|Rev|Prof|Supt|Insp|Det|Amb|Atty|"
    r"Hon|Rt|Brig|Msgr)\.$"
)
_TRAILING_NUMBER_SIGN = re.compile(r"\bNo\.$")
_TRAILING_TWO_INITIALS = re.compile(
    r"(?<![\w.])(?<!\b[Tt]he )(?<!\b[Aa]n )(?<!\b[Aa] )(?<!, )([A-Z])\. ?([A-Z])\.$"
)
_TRAILING_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b[A-Z]\.$")
_PLACE_INITIALS = frozenset(
    {"US", "UK", "UN", "EU", "DC", "LA", "NY", "NJ", "NC", "SC", "ND", "SD", "NH", "NM"}
)


def _ends_mid_name(before: str, after: str) -> bool:
    if after[:1].isdigit():
        return bool(_TRAILING_NUMBER_SIGN.search(before))
    if not after[:1].isupper():
        return False
    if _TRAILING_INITIAL.search(before) or _TRAILING_TITLE.search(before):
        return True
    two = _TRAILING_TWO_INITIALS.search(before)
    if two is None or two.group(1) + two.group(2) in _PLACE_INITIALS:
        return False
    return after.split(maxsplit=1)[0].strip("\"'‘’“”,") not in SENTENCE_OPENERS


# A short all-capitals name with a full stop ("the KX. ORBIT …") that the text repeats before the same word is a
# product's or a model's name, not a sentence's end; a real sentence end seldom repeats word for word.
_NAME_SEAM = re.compile(r"(?<![\w.])([A-Z][A-Z0-9]{1,3}\.)\s+([A-Z][\w'’-]*)")


def repeated_name_seams(text: str) -> frozenset[tuple[str, str]]:
    """("KX.", "ORBIT") for each such seam the text writes at least twice."""
    counts = Counter((m.group(1), m.group(2)) for m in _NAME_SEAM.finditer(text))
    return frozenset(seam for seam, n in counts.items() if n >= 2 and seam[1] not in SENTENCE_OPENERS)


# Where punkt ends a sentence that the next, lower-case, word shows goes on: after speech or an aside that ends in
# "!", "?" or a closing quote ("“Got him!”" | "a firefighter shouted."), and inside brackets ("[1 tsp." | "salt]").
# After a plain full stop a lower-case word is more often the source's typo, and the sentences stay apart.
_ENDS_SPEECH = re.compile(r"(?:[!?…][\"'”’»)\]]*|\.[\"'”’»)\]]+)$")


def _goes_on_in_lower_case(before: str, part: str) -> bool:
    if not starts_in_lower_case(part):
        return False
    open_bracket = before.count("(") > before.count(")") or before.count("[") > before.count("]")
    return open_bracket or bool(_ENDS_SPEECH.search(before) or _TRAILING_ABBREVIATION.search(before))


# A paragraph's opening dateline ends in an abbreviation, and its dash goes on with the story: "PORT ELLERY, V.L."
# | "– The harbour…". Elsewhere a dash may open a line of dialogue.
_DASH_START = re.compile(r"[–—]\s|--?\s")
_DATELINE_END = re.compile(r"^(?:\S+\s+){0,5}(?:\S*\W)?[A-Z][A-Za-z]{0,5}\.$")


def join_false_ends(parts: Sequence[str], names: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """Punkt's sentences with the parts of one sentence joined again; `names` are the text's repeated name seams."""
    joined: list[str] = []
    for part in parts:
        if not part.strip():
            continue  # the fallback splitter leaves an empty piece after a final "。"
        if not joined:
            joined.append(part)
        elif _goes_on_in_lower_case(joined[-1], part):
            joined[-1] = f"{joined[-1]} {part}"
            if len(joined) > 1 and closes_first(joined[-1]) and left_open(joined[-2]):
                # The quotation the sentence goes on after began a part earlier: "the “Rain." | "We love it.” slogan…"
                joined[-2:] = [f"{joined[-2]} {joined[-1]}"]
        elif (
            (len(joined) == 1 and _DASH_START.match(part) and _DATELINE_END.search(joined[-1]))
            or _ends_mid_name(joined[-1], part)
            or (_TRAILING_COUNTRY.search(joined[-1]) and _BODY_OR_OFFICE.match(part))
            or (joined[-1].rsplit(maxsplit=1)[-1], part.split(maxsplit=1)[0]) in names
        ):
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined
