"""Every name natasha finds that can be an actor: in the nominative, with the role the sentence gives it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.model import ActorKind
from bot.pipeline.actors.ru.latin import split_latin
from bot.pipeline.actors.ru.models import load_models
from bot.pipeline.actors.ru.morphology import common_noun, normal, person_name
from bot.pipeline.actors.ru.parse import parse, piece
from bot.pipeline.actors.ru.roles import find_role
from bot.pipeline.actors.ru.words import QUOTES, WORD

_KIND: dict[str, ActorKind] = {"PER": "person", "ORG": "organization", "LOC": "place"}
# Initials after a surname the NER found alone ("Путин В.В."): they are part of that name.
_TRAILING_INITIALS = re.compile(r"[ \t]+((?:[А-ЯЁ]\.[ \t]?){1,2})(?![\w.])")


@dataclass(frozen=True)
class Mention:
    name: str  # nominative
    kind: ActorKind
    start: int
    text: str  # as written
    role: str | None
    in_title: bool = False
    acting: bool = False  # the subject of a verb
    unsure: bool = False  # morphology left an oblique case form as it was ("Эльвирой Набиуллина")


def find_mentions(text: str) -> list[Mention]:
    """Every name natasha finds that can be an actor, in the nominative, with the role the sentence gives it."""
    vocab = load_models().vocab
    found = _name_pieces(text)
    mentions = []
    for span, tokens in split_latin(found, text):
        mention = _mention(span, tokens, text, vocab)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _name_pieces(text: str) -> list[tuple[Any, dict[str, Any]]]:
    """The names natasha finds, each with the tokens of its sentence by id."""
    found: list[tuple[Any, dict[str, Any]]] = []
    for sent in parse(text).sents:
        tokens = {t.id: t for t in sent.tokens}
        found.extend(
            (part, tokens)
            for span in sent.spans
            if span.type in _KIND
            for part in _pieces(span, tokens, text)
        )
    return found


def _mention(span: Any, tokens: dict[str, Any], text: str, vocab: Any) -> Mention | None:
    """The mention a name is, or None when it names no actor."""
    kind = _KIND[span.type]
    span, name, unsure = _read_name(kind, span, tokens, text, vocab)
    if _names_no_actor(kind, name, span, text):
        return None
    role = find_role(tokens, span, text) if kind == "person" else None
    acting = any(t.rel.startswith("nsubj") for t in span.tokens)
    return Mention(name, kind, span.start, span.text, role, acting=acting, unsure=unsure)


def _read_name(
    kind: ActorKind, span: Any, tokens: dict[str, Any], text: str, vocab: Any
) -> tuple[Any, str, bool]:
    """The span (a person's with the initials written after it), its name in the nominative, and whether a word of
    it stayed in an oblique case."""
    if kind == "person":
        span = _with_initials(span, text)
        name, unsure = person_name(span, tokens)
        return span, name, unsure
    span.normalize(vocab)
    return span, normal(span), False


def _names_no_actor(kind: ActorKind, name: str, span: Any, text: str) -> bool:
    """The span is no name an actor goes by."""
    if len(name) < 2 or not WORD.search(name):
        return True
    if kind == "place" and text[max(0, span.start - 1) : span.start] in QUOTES:
        return True  # a quoted name is a station, a ship, a brand: «Арбатская», not a place that acts
    if all(t.pos == "ADJ" for t in span.tokens):
        return True  # an adjective naming a common noun outside the span: "Филевской линии"
    if kind == "person" and not re.search(r"[^\W\d_]{2}", name):
        return True  # initials alone ("В.В.") name nobody the reader can tell
    # "братья Смирновы", "супругам Петровым": a family, not one person
    return kind == "person" and all(t.feats.get("Number") == "Plur" for t in span.tokens)


def _pieces(span: Any, tokens: dict[str, Any], text: str) -> list[Any]:
    """The name a span holds: a person's name does not open with a common noun the NER took in ("Диета Аткинса"
    is Atkins' diet), and a common noun alone, capitalized as a sentence's first word, is none ("Предпочтению")."""
    words = span.tokens
    if span.type == "PER":
        while len(words) > 1 and common_noun(words[0].text):
            words = words[1:]
        first = not any(WORD.search(t.text) and t.start < words[0].start for t in tokens.values())
        if len(words) == 1 and first and common_noun(words[0].text):
            return []
    return [span if words == span.tokens else piece(span.type, words, text)]


def _with_initials(span: Any, text: str) -> Any:
    """A surname with the initials written after it, which the NER leaves out ("Путин В.В.")."""
    match = _TRAILING_INITIALS.match(text, span.stop)
    if match is None or len(span.text.split()) != 1:
        return span
    return piece(span.type, span.tokens, text, stop=span.stop + len(match.group(0).rstrip()))
