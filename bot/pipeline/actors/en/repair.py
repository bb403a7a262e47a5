"""Repairing mentions with the text's other mentions as evidence: a capitalized word glued to a name found
elsewhere, a caption that lost its full stop, a title before a known surname."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.pipeline.actors.en.model import Mention
from bot.pipeline.actors.en.vocabulary import _HONORIFIC, _OCCUPATION_SET, _PERSON_TITLE
from bot.pipeline.actors.gazetteer import _countries


def _repair_spans(text: str, mentions: Sequence[Mention], common: frozenset[str]) -> list[Mention]:
    """Fix spans spaCy got slightly wrong, using the other mentions of the same text as evidence."""
    texts = {m.text for m in mentions}
    bodies = {m.text for m in mentions if m.label != "PERSON"}
    persons = texts - bodies
    surnames = {t.split()[-1] for t in persons if len(t.split()) >= 2}
    out = []
    for m in mentions:
        words = m.text.split()
        label = m.label
        # "Veterinarian Jane Roe", "Maverick Tottenham": a capitalized word glued to a name found elsewhere, when
        # it is capitalized only for opening the sentence or is an ordinary word ("Grand National" / "National"
        # stays). A one-word tail of a person is their surname ("Petra Lindqvist" / "Lindqvist"): kept.
        tail = " ".join(words[1:])
        # "Maverick Tottenham striker X": a two-word "person" whose tail is a body named elsewhere and which an
        # occupation follows is a body's name with a word glued on, not a first name and a surname.
        next_word = re.match(r"\s+([a-z][\w-]*)", text[m.end : m.end + 30])
        club = (
            tail in bodies
            and tail not in persons
            and bool(next_word and next_word.group(1) in _OCCUPATION_SET)
        )
        if (
            len(words) >= 2
            and tail in texts
            and words[0] not in _countries()[0]
            and (len(words) >= 3 or m.label != "PERSON" or club)
            # Where the first word itself stands: "The Pittsburgh Steelers" opens with "The", not "Pittsburgh".
            and (_opens_clause(text, m.start + max(0, m.raw.find(words[0]))) or words[0].lower() in common)
        ):
            words = words[1:]
            if m.label == "PERSON" and club:
                # "Maverick Tottenham striker X": the tail is the club named elsewhere, not a surname.
                label = next(b.label for b in mentions if b.text == tail and b.label != "PERSON")
        elif len(words) >= 3 and tail in persons and len(tail.split()) >= 2 and words[0] in bodies - persons:
            # A caption that lost its full stop: "McLaren Fernando Alonso" beside the team "McLaren" and "Fernando
            # Alonso" ("Andrew Lloyd Webber" beside "Andrew" and "Lloyd Webber" stays: Andrew is a person).
            words, label = words[1:], "PERSON"
        # "…at the shelter Veterinarian Jane Roe took…": an occupation glued on by a caption; _role_near keeps it.
        if len(words) >= 2 and words[0].lower() in _OCCUPATION_SET:
            words = words[1:]
        # "…in the Premier League Klopp chats…" tagged "Premier" + "League Klopp": the first word ends a name
        # found elsewhere that the text right before completes.
        before = text[max(0, m.start - 60) : m.start]
        if len(words) >= 2 and any(
            t.endswith(" " + words[0]) and before.endswith(t[: -len(words[0])]) for t in texts if " " in t
        ):
            words = words[1:]
        name = " ".join(words)
        start = m.start
        if words and name != m.text and (offset := m.raw.find(words[0])) > 0:
            start += offset  # the dropped words belong to the text before, where roles are looked for
        stripped = _HONORIFIC.sub("", name)
        if stripped != name and stripped:
            name, label = stripped, "PERSON"  # "Mr Hussen" is a person whatever spaCy said
        elif label != "PERSON" and (titled := _PERSON_TITLE.match(name)) and name[titled.end() :] in surnames:
            # "Magistrate Rinaudo" tagged a body beside "Ray Rinaudo": the title and a known surname are that
            # person. Only titles no body's name starts with ("General Mills" beside "Jane Mills" stays).
            name, label = name[titled.end() :], "PERSON"
        out.append(replace(m, text=name, label=label, start=start))
    return out


def _opens_clause(text: str, start: int) -> bool:
    """Whether a word at `start` opens a sentence, a line, a caption or a quote (so is capitalized anyway)."""
    before = text[max(0, start - 4) : start].rstrip()
    return not before or before[-1] in ".!?:;\"“‘'(\n–—-"
