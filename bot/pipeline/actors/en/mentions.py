"""Finding mentions: spaCy's entities, repaired and cleaned, with the cues each gives of who acts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.pipeline.actors.en.cues import (
    _acts,
    _as_state,
    _written_as_body,
    _written_as_person,
    _written_as_team,
)
from bot.pipeline.actors.en.lists import _list_members, _other_occurrences, _share_acts
from bot.pipeline.actors.en.model import Mention
from bot.pipeline.actors.en.names import _is_junk, _strip_name, _within_the_name, _without_caption_label
from bot.pipeline.actors.en.spans import _glued_at, _split_span
from bot.pipeline.actors.en.vocabulary import _LABEL_KIND, _NOT_NAME_TAGS, _REGNAL, _ROYAL_BEFORE
from bot.pipeline.actors.gazetteer import _aliases, _countries
from bot.pipeline.actors.ner import annotate, load_ner


def find_mentions(text: str, nlp: Any | None = None) -> list[Mention]:
    """NER mentions of people, organizations and places, cleaned of titles and junk."""
    doc = annotate(nlp or load_ner(), text)
    countries, _ = _countries()
    spans = [
        (ent, label)
        for whole in doc.ents
        if whole.label_ in _LABEL_KIND
        for ent, label in _split_span(doc, whole)
    ]
    listed = _list_members(doc, spans)
    spans += listed + _other_occurrences(text, doc, listed)
    members = _party_members(spans)
    standalone = frozenset(re.findall(r"\b[A-Z][a-z]+\b", text))
    out: list[Mention] = []
    for ent, label in sorted(spans, key=lambda s: s[0].start):
        mention = _mention(text, doc, ent, label, countries, standalone)
        if mention is None and label == "NORP" and (party := members.get(_strip_name(ent.text, label))):
            # "The Conservatives have pledged" beside "the Conservative Party": the party acting.
            mention = Mention(
                party, "ORG", ent.start_char, ent.end_char, ent.text, _acts(doc, ent.start, ent.end, "ORG")
            )
        if mention is not None:
            out.append(mention)
    return _share_acts(text, out)


def _party_members(spans: Sequence[tuple[Any, str]]) -> dict[str, str]:
    """The words for a party's members ("Conservatives", "Conservative", "Tories") → the party, for each party
    the text names in full ("the Conservative Party")."""
    parties = {
        name
        for ent, label in spans
        if label == "ORG"
        and (name := _strip_name(ent.text, label)).endswith(" Party")
        and len(name.split()) >= 2
    }
    members = {}
    for party in parties:
        stem = party.removesuffix(" Party")
        members[stem] = members[stem + "s"] = party
    for alias, names in _aliases().items():
        found = [n for n in names if n in parties]
        if len(found) == 1:
            members[alias] = found[0]
    return members


def _mention(
    text: str,
    doc: Any,
    ent: Any,
    label: str,
    countries: dict[str, str],
    standalone: frozenset[str] = frozenset(),
) -> Mention | None:
    """One cleaned mention from an entity span, or None for junk. `standalone`: the capitalized words the text
    writes on their own."""
    raw, start, end = ent.text, ent.start_char, ent.end_char
    if (seam := _glued_at(raw, standalone)) is not None:
        raw, end = raw[:seam], ent.start_char + seam
    royal = _ROYAL_BEFORE.search(text, max(0, start - 20), start) if label == "PERSON" else None
    if royal and _REGNAL.match(f"{royal.group(1)} {raw}"):
        raw, start = f"{royal.group(1)} {raw}", royal.start(1)  # "Queen" + "Elizabeth II"
    name = _strip_name(raw, label)
    name = _without_caption_label(text, _within_the_name(name), start, end)
    if _is_junk(name, raw) or (ent.end - ent.start == 1 and doc[ent.start].tag_ in _NOT_NAME_TAGS):
        # A capitalized word the tagger reads as a verb, an adverb or a superlative in its sentence ("Scroll
        # down…", "Nationally, …", "Highest: …"): capitalized for opening it, not a name.
        return None
    # "Landlocked Belarus": a capitalised word glued to a known place at a sentence start.
    words = name.split()
    if len(words) >= 2 and words[0] not in countries:
        tail = " ".join(words[1:])
        sentence_start = text[max(0, ent.start_char - 2) : ent.start_char].strip() in {
            "",
            ".",
            "!",
            "?",
            '"',
            "”",
        }
        if tail in countries and sentence_start:
            name = tail
    if label == "PERSON" and len(words) >= 3 and words[0] in _countries()[1]:
        name = " ".join(words[1:])  # "Colombian Camilo Villegas": a nationality is not part of the name
    if label == "NORP" and name not in countries:
        return None
    acts = _acts(doc, ent.start, ent.end, label)
    body, person, team = _written_as_body(doc, ent), _written_as_person(doc, ent), _written_as_team(doc, ent)
    state = label == "GPE" and _as_state(doc, ent)
    return Mention(name, label, start, end, raw, acts=acts, body=body, person=person, team=team, state=state)
