"""The relative clause a long point gives up (compress.py): set off by commas, it says more about someone or
something named than a point has room for.

    relative        "The quay, which took two years to build, is…", "…by Harbour Town, who now face…"

Never one of place or time ("…in court, where…", "…, at which…"), one after a noun the text introduces ("A man,
who police say…, has been arrested"), one about a thing closing the sentence ("…, which wiped millions off its
value"), nor one after a word that is no subject ("…to Jo Reyes, who wore her medal, instead of…"). It is offered beside
the cuts every point is offered (cuts.FINDERS), with the same checks (cuts.cuts).
"""

from __future__ import annotations

from collections.abc import Iterator

from bot.pipeline.summarize.cuts import FINDERS, SUBJECTS, Cut, Doc, Finder, Token, _bounded, _end, _span

# A relative clause these open tells the place or time of an event, and the event with it.
_RELATIVE_ADVERBS = frozenset({"when", "where", "whereby", "wherein", "why"})
_PERSONAL_RELATIVES = frozenset({"who", "whom", "whose"})


def relative(doc: Doc) -> Iterator[Cut]:
    end = _end(doc)
    for t in doc:
        if t.dep_ not in ("relcl", "acl") or t.head.i >= t.i:
            continue
        span = _span(t.subtree)
        a, b = min(span), max(span)
        # "…in the harbour, where inspectors found…", "…the office, at which she worked…": the place or time of an
        # event is told by the event, which is news.
        if doc[a].lower_ in _RELATIVE_ADVERBS or doc[a].tag_ == "IN":
            continue
        # "A man, who police say stabbed three people, has been arrested": after a noun the text introduces, the
        # clause says who it is.
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.head.children):
            continue
        bounded = _bounded(doc, span)
        # A clause about a person closing the sentence ("…by Harbour Town, who now face the champions"); one about
        # a thing there may be what followed ("…, which wiped millions off its value") or the news itself.
        closing = (
            t.dep_ == "relcl"
            and doc[a].lower_ in _PERSONAL_RELATIVES
            and bounded == span | {a - 1}
            and b + 1 >= end
        )
        # Set off on both sides, only after a subject whose verb follows ("The quay, which took two years to build,
        # is…"): elsewhere the words after the second comma may belong to the clause ("…to Jo Reyes, who wore
        # her medal all week, instead of the cup").
        inside = bounded == span | {a - 1, b + 1} and _in_subject_before_its_verb(t.head, b)
        if bounded is not None and (closing or inside):
            yield Cut("relative", frozenset(bounded))


def _in_subject_before_its_verb(noun: Token, after: int) -> bool:
    """Is the noun in a subject ("The terminal at Carrow, which…,") whose verb comes after index `after`?"""
    for t in (noun, *noun.ancestors):
        if t.dep_ in SUBJECTS:
            return bool(t.head.i > after)
    return False


LONG_FINDERS: tuple[Finder, ...] = (*FINDERS, relative)
