"""Latin-script names the Russian NER got wrong, re-read with the English NER the bot already loads."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bot.pipeline.actors.ru.models import load_models
from bot.pipeline.actors.ru.parse import piece
from bot.pipeline.actors.ru.words import LATIN_NAME, WORD, name_key

# The English NER reads a bare name differently in different sentences; a name it calls a person in two of these
# three is one ("Sam Altman", "Pavel Durov"), one it calls an organization ("Goldman Sachs") is not.
_LATIN_FRAMES = ("{}", "{} said.", "According to {}, it rained.")
# Kinds of body a Latin-script name is called by ("бренд Hugo Boss"): it is no person, whatever its words.
_BODIES = frozenset(
    {
        "компания",
        "бренд",
        "марка",
        "клуб",
        "команда",
        "банк",
        "фонд",
        "концерн",
        "холдинг",
        "корпорация",
        "мода",
    }
    | {"стартап", "фирма", "издание", "газета", "журнал", "агентство", "сеть", "лейбл", "студия", "группа"}
)


def split_latin(found: list[tuple[Any, dict[str, Any]]], text: str) -> list[tuple[Any, dict[str, Any]]]:
    """Latin-script names the Russian NER got wrong, re-read with the English NER: an "organization" that is a
    person ("По словам Sam Altman"), or a company glued to its head ("Глава Nvidia Jensen Huang")."""
    # A person natasha found is kept unless a company may be glued to it (three words or more).
    latin = [
        i
        for i, (span, _) in enumerate(found)
        if LATIN_NAME.match(span.text) and (span.type != "PER" or len(span.text.split()) > 2)
    ]
    if not latin:
        return found
    people = dict(zip(latin, _latin_people([found[i][0].text for i in latin]), strict=True))
    out = []
    for i, (span, tokens) in enumerate(found):
        person = people.get(i)
        if person is None or (person == (0, len(span.text)) and _called_organization(span, tokens)):
            out.append((span, tokens))
            continue
        out.extend((p, tokens) for p in _around_person(span, person, text))
    return out


def _around_person(span: Any, person: tuple[int, int], text: str) -> list[Any]:
    """The span cut into the person's name at `person` (offsets in the span) and what comes before and after it."""
    a, b = span.start + person[0], span.start + person[1]
    rest = "ORG" if span.type == "PER" else span.type
    return [
        piece(type_, group, text)
        for group, type_ in (
            ([t for t in span.tokens if t.stop <= a], rest),
            ([t for t in span.tokens if a <= t.start and t.stop <= b], "PER"),
            ([t for t in span.tokens if t.start >= b], rest),
        )
        if any(WORD.search(t.text) for t in group)
    ]


def _called_organization(span: Any, tokens: dict[str, Any]) -> bool:
    """The text says what kind of body the name is ("бренд Hugo Boss", "клуб Manchester United", "дом моды Tommy
    Hilfiger"): the English NER takes such names for people."""
    vocab = load_models().vocab
    before = sorted((t for t in tokens.values() if t.stop <= span.start), key=lambda t: t.start)[-2:]
    for t in before:
        if WORD.search(t.text) and name_key(vocab.parse(t.text.lower())[0].normal_form) in _BODIES:
            # "основатель стартапа Daniel Whitfield": the body belongs to a person's title, whose name this may be.
            head = tokens.get(t.head_id)
            return not (
                head is not None
                and head.pos == "NOUN"
                and head.feats.get("Animacy") == "Anim"
                and head.feats.get("Number") == "Sing"
            )
    return False


def _latin_people(names: Sequence[str]) -> list[tuple[int, int] | None]:
    """For each Latin-script name, where in it a person's name of two words or more is, by the English NER's vote
    over _LATIN_FRAMES ("Nvidia Jensen Huang" → "Jensen Huang"); None where it finds none."""
    from bot.pipeline.actors.ner import (
        load_ner,  # the bot's workers preload it; loaded here only for a Latin name
    )

    try:
        nlp = load_ner()
    except RuntimeError:  # no English model installed: natasha's reading stands
        return [None] * len(names)
    words = [[(m.start(), m.end()) for m in re.finditer(r"\S+", name)] for name in names]
    votes = _votes(nlp, names, words)
    return [_person_words(ws, vs) for ws, vs in zip(words, votes, strict=True)]


def _votes(nlp: Any, names: Sequence[str], words: list[list[tuple[int, int]]]) -> list[list[Counter[str]]]:
    """For each word of each name, how many of _LATIN_FRAMES put it in an entity of each label."""
    votes: list[list[Counter[str]]] = [[Counter() for _ in ws] for ws in words]
    jobs = [(i, frame) for i in range(len(names)) for frame in _LATIN_FRAMES]
    # The entity recognizer alone (it has its own token vectors): the tagger's work is not needed here.
    docs = nlp.get_pipe("ner").pipe(nlp.make_doc(frame.format(names[i])) for i, frame in jobs)
    for (i, frame), doc in zip(jobs, docs, strict=True):
        offset = frame.index("{}")
        for ent in doc.ents:
            for w, (a, b) in enumerate(words[i]):
                if ent.start_char <= a + offset and b + offset <= ent.end_char:
                    votes[i][w][ent.label_] += 1
    return votes


def _person_words(ws: list[tuple[int, int]], vs: list[Counter[str]]) -> tuple[int, int] | None:
    """Where the first run of words most frames call a person begins and ends, if it has two words or more."""
    run = [w for w, v in enumerate(vs) if v["PERSON"] >= 2]
    run = run[: next((k for k in range(1, len(run)) if run[k] != run[k - 1] + 1), len(run))]
    # "Pavel Durov" said: the surname alone is a person; a first name no frame calls anything else joins it.
    if len(run) == 1 and run[0] > 0 and set(vs[run[0] - 1]) == {"PERSON"}:
        run.insert(0, run[0] - 1)
    return (ws[run[0]][0], ws[run[-1]][1]) if len(run) > 1 else None
