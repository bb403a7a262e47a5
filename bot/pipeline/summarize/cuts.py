"""The asides an English sentence reads as well without, found on its dependency parse (spaCy's labels).

Each class of cut is one finder, named for what it removes, and each is one a reader does not miss:

    parenthetical   "(pictured)", "(The Hawthorns)", "— a feat fans still talk about —"
    appositive      "Ruth Calder, 52, …", "…in Carrow, Maine, …"  (set off by commas)
    connective      "But …", "However, …", "Meanwhile, …" at the start: the point stands alone
    day             "on Tuesday", "earlier today", "last night": the day of a day's news
    fronted         "After the storm passed, …"  (never a condition: "If elected, …", a contrast: "Though he
                    …", nor terms: "Under the pact, …", "Since the merger, …")
    trailing        "…, curling the shot past the keeper."  "…, amid fears that …"  (never a contrast:
                    "…, while opponents warned …", a cause or sequence: "…, after the law changed", nor a
                    consequence: "…, causing a 39-car pileup"; nor the predicate itself: "…is shown, left,
                    refusing…")

Parts that carry the claim are never offered: restrictive relative clauses ("the law that bans…"), a noun's or
verb's phrases, a second clause, anything holding a year ("in 2016" says when it will be), who a claim is
"according to", quoted words, a name a pronoun left behind stands for, a name given to a common noun ("the
study's author, Dr Jo Reed,"). A relative clause set off by commas is offered only to a long point
(relative.py). A cut is only offered; compress.py decides which to make. Whatever is cut, the sentence keeps
its main verb, that verb's subject and its final punctuation (`keeps_a_sentence`), and `render` joins what is left
with tidy spaces, commas and a capital.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from bot.pipeline.summarize.broken import FINITE
from bot.pipeline.text import WEEKDAY_NAMES

Doc = Any  # spaCy's Doc and Token: the pipeline does not type-check against spaCy
Token = Any


@dataclass(frozen=True)
class Cut:
    kind: str
    tokens: frozenset[int]


_QUOTES = frozenset("\"“”‘’'«»„`")
# A clause that states a condition: cutting it would assert what the sentence only supposes.
_CONDITIONS = frozenset(
    {"if", "unless", "whether", "provided", "only", "until", "once", "as", "when", "whenever"}
)
# A trailing clause that sets the other side against the news: cutting it would make the point one-sided.
_CONTRASTS = frozenset({"while", "whereas", "although", "though", "but", "despite", "even", "yet", "except"})
# A trailing clause that says why or after what: the news is that relation ("rose by a third after the law").
_RELATIONS = frozenset({"after", "before", "since", "because", "due", "following", "thanks", "so", "than"})
# …or what followed from it ("…, causing a 39-car pileup", "…, meaning he faces the death penalty").
_CONSEQUENCES = frozenset({
    "causing", "leaving", "killing", "injuring", "forcing", "prompting", "resulting", "sparking", "triggering",
    "meaning", "making",
})  # fmt: skip
# A fronted phrase that sets the claim's terms ("Under the pact, no holiday…").
_TERMS = frozenset({"under", "without", "unlike", "except"})
# A fronted part that states a condition, a contrast, the claim's terms or its scope stays ("Since the merger, no
# year…"); one that says what happened before does not ("After the storm passed, …").
_KEPT_FRONTED = _CONDITIONS | _CONTRASTS | _TERMS | (_RELATIONS - {"after", "before", "following"})
_KEPT_TRAILING = _CONTRASTS | _CONDITIONS | _RELATIONS | _CONSEQUENCES
# What a verb says besides its subject; without one before a trailing clause, that clause is the predicate
# ("Jo Reyes is shown, left, refusing to hand over the flag").
_COMPLEMENTS = frozenset(
    {"dobj", "attr", "acomp", "ccomp", "xcomp", "oprd", "prep", "dative", "agent", "prt"}
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d(?:s)?$")  # "in 1994", "the 1950s"
# What a day's news is dated by; a year, a month or "next week" says when something is, and stays.
_DAY_HEADS = frozenset({
    *WEEKDAY_NAMES.lower().split("|"), "today", "yesterday", "tonight", "overnight", "morning", "afternoon",
    "evening", "night",
})  # fmt: skip
_DAY_WORDS = _DAY_HEADS | {"on", "at", "during", "early", "late", "earlier", "last", "this", "the", "of"}
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Pronouns that stand for a person or a body named before them.
_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs"})
_ASIDES = frozenset({"appos", "relcl", "acl", "advcl", "npadvmod", "prep", "conj"})
_MIN_WORDS = 5  # a point shorter than this says too little to stand alone


def _span(tokens: Iterator[Token] | list[Token]) -> set[int]:
    return {t.i for t in tokens}


def _is_punct(doc: Doc, i: int, marks: str = ",;—–") -> bool:
    return 0 <= i < len(doc) and doc[i].text in marks


def _first_word(doc: Doc) -> int:
    for t in doc:
        if not (t.is_punct or t.is_space):
            return int(t.i)
    return len(doc)


def _end(doc: Doc) -> int:
    """Index of the sentence's final punctuation (its closing quotes and brackets after it)."""
    end = len(doc)
    while end > 0 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end


def root(doc: Doc) -> Token:
    return next(t for t in doc if t.dep_ == "ROOT")


def _bounded(doc: Doc, span: set[int]) -> set[int] | None:
    """The span with the commas (or dashes) that set it off; None when nothing sets it off (a restrictive
    part the sentence needs)."""
    a, b = min(span), max(span)
    before, after = _is_punct(doc, a - 1), _is_punct(doc, b + 1)
    if a <= _first_word(doc):
        return span | {b + 1} if after else None
    if not before:
        return None
    if after:
        # "Southwest, which offered the most tickets, 11.9 million, and the highest share": a list, not an aside.
        if b + 2 < len(doc) and doc[b + 2].dep_ == "cc":
            return None
        # The comma after the span also opens or closes another aside ("Pat Reyes, 51, a director at…";
        # "the 26-year-old, a native of Tbilisi, Georgia, fled"): it stays.
        if (
            _opens_another(doc, span, b + 1)
            or _closes_more(doc, span, b + 1)
            or _opens_main(doc, span, b + 1)
        ):
            return span | {a - 1}
        return span | {a - 1, b + 1}
    if b + 1 >= _end(doc):
        return span | {a - 1}
    return None


def _opens_another(doc: Doc, span: set[int], comma: int) -> bool:
    """Does another aside of the word the span belongs to start right after the comma that ends the span?"""
    if comma + 1 >= len(doc):
        return False
    top = next((doc[i] for i in sorted(span) if doc[i].head.i not in span or doc[i].head.i == i), None)
    if top is None:
        return False
    node = doc[comma + 1]
    while node.head.i not in (top.head.i, node.i):
        node = node.head
    return bool(
        node.head.i == top.head.i
        and node.i != top.i
        and node.dep_ in _ASIDES
        and min(_span(node.subtree)) == comma + 1
    )


def _opens_main(doc: Doc, span: set[int], comma: int) -> bool:
    """Does the main clause start after the comma, the span being no part of its subject? Then the comma ends
    what came before ("In Braunau, a town on the border, Austria will…")."""
    main = root(doc)
    subject = {i for c in main.children if c.dep_ in SUBJECTS for i in _span(c.subtree)}
    return not span <= subject and comma + 1 in (main.i, min(subject, default=-1))


def _closes_more(doc: Doc, span: set[int], comma: int) -> bool:
    """Does the comma after the span also end a larger aside the span is inside?"""
    head = min((doc[i] for i in span), key=lambda t: sum(1 for _ in t.ancestors))
    first = _first_word(doc)
    for a in head.ancestors:
        start = min(_span(a.subtree))
        # An aside set off by a comma before it, or one that opens the sentence ("Along with Jo Reyes, 28, the
        # pair…"): the comma ends it.
        if (
            a.dep_ in _ASIDES
            and max(_span(a.subtree)) == comma - 1
            and (start <= first or _is_punct(doc, start - 1))
        ):
            return True
    return False


def quoted(doc: Doc) -> set[int]:
    """Tokens inside quotation marks (a mark left open quotes to the end; one never opened, from the start)."""
    marks = [t.i for t in doc if t.text in _QUOTES and not (t.text in "'’" and t.tag_ == "POS")]
    inside: set[int] = set()
    opened: int | None = None
    for i in marks:
        opening = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].text in "([—–"
        if opened is None and opening:
            opened = i
        elif opened is not None:
            inside |= set(range(opened, i + 1))
            opened = None
        else:  # a closing mark whose opening is in an earlier sentence
            inside |= set(range(0, i + 1))
    if opened is not None:
        inside |= set(range(opened, len(doc)))
    return inside


def parenthetical(doc: Doc) -> Iterator[Cut]:
    opened: int | None = None
    for t in doc:
        if t.text == "(":
            opened = t.i
        elif t.text == ")" and opened is not None:
            yield Cut("parenthetical", frozenset(range(opened, t.i + 1)))
            opened = None
    dashes = [t.i for t in doc if t.text in ("—", "–", "--") and t.whitespace_]
    for a, b in itertools.pairwise(dashes):
        if b - a > 1:
            yield Cut("parenthetical", frozenset(range(a, b + 1)))
    if len(dashes) == 1 and _first_word(doc) < dashes[0] < _end(doc):
        yield Cut("parenthetical", frozenset(range(dashes[0], _end(doc))))


def appositive(doc: Doc) -> Iterator[Cut]:
    for t in doc:
        # One with a conjunction of its own is more likely an item of a list ("a shower, a lounge and hooks").
        if t.dep_ == "appos" and t.i > t.head.i and not any(c.dep_ == "cc" for c in t.children):
            if _names_the_noun(t):
                continue  # "the study's author, Dr Jo Reed, said": who it is, not an aside
            span = _bounded(doc, _span(t.subtree))
            after = next((w for w in doc[max(_span(t.subtree)) + 1 :] if not w.is_punct), None)
            # A verb right after the aside must be its noun's ("Jo Reyes, the mayor, said"); else the parse took
            # a clause's subject for an aside ("…at the hospital, his son, confirmed…").
            if after is not None and after.tag_.startswith(("VB", "MD")):
                verb = after.head if after.dep_ in ("aux", "auxpass") else after  # "has" of "has kept"
                subject = {i for c in verb.children if c.dep_ in SUBJECTS for i in _span(c.subtree)}
                if t.head.i not in subject:
                    continue
            if span is not None:
                yield Cut("appositive", frozenset(span))


def _names_the_noun(t: Token) -> bool:
    """Is the aside a name given to a common noun ("the study's author, Dr Jo Reed,", "her son, Tom,"): who it
    is? A name after a name is a place's region or a title ("Carrow, Maine", "Jo Hart, Political Editor,")."""
    words = [w for w in t.subtree if not w.is_punct]
    return t.head.tag_ in ("NN", "NNS") and all(w.tag_ in ("NNP", "NNPS") for w in words)


def connective(doc: Doc) -> Iterator[Cut]:
    first = _first_word(doc)
    if first >= len(doc):
        return
    t = doc[first]
    comma = _is_punct(doc, first + 1, ",")
    if t.dep_ == "cc" or (t.dep_ == "advmod" and comma):
        yield Cut("connective", frozenset({first} | ({first + 1} if comma else set())))


def _is_day(t: Token) -> bool:
    words = [w for w in t.subtree if not w.is_punct]
    return any(w.lower_ in _DAY_HEADS for w in words) and all(w.lower_ in _DAY_WORDS for w in words)


def day(doc: Doc) -> Iterator[Cut]:
    for t in doc:
        # Only a finite verb's: "the footage, released earlier today, shows" needs its "earlier today".
        if t.dep_ in ("npadvmod", "prep", "advmod", "tmod") and t.head.tag_ in FINITE and _is_day(t):
            # "Stadia launches today": a verb left with nothing after it reads as a headline.
            if not any(c.i > t.head.i and c.i != t.i and not c.is_punct for c in t.head.children):
                continue
            span = _span(t.subtree)
            bounded = _bounded(doc, span)
            if bounded is not None:
                yield Cut("day", frozenset(bounded))
            # A bare day inside the clause may be what the verb takes ("spent Monday trying"): only at its end.
            elif _loose_ends(doc, span, t.head) and (
                t.dep_ == "prep" or _is_punct(doc, max(span) + 1, ",;.!?")
            ):
                yield Cut("day", frozenset(span))


def _loose_ends(doc: Doc, span: set[int], head: Token) -> bool:
    """Can the words around the span meet? Not a conjunction, article or preposition left hanging before it
    ("and the day before…"), and after it the clause's end or more of the same verb's phrase ("voted on
    Tuesday to keep", "said Tuesday during a panel")."""
    a, b = min(span), max(span)
    before = doc[a - 1] if a else None
    if before is not None and (
        before.dep_ in ("cc", "det", "prep") or before.tag_ in ("IN", "TO", "DT", "CC")
    ):
        return False
    if b + 1 >= len(doc) or doc[b + 1].is_punct:
        return True
    return any(ancestor.i == head.i for ancestor in doc[b + 1].ancestors)


def _mark(t: Token) -> str:
    return str(next(iter(t.subtree)).lower_)


def fronted(doc: Doc) -> Iterator[Cut]:
    main = root(doc)
    for t in main.children:
        if t.i > main.i or t.dep_ not in ("advcl", "prep", "npadvmod"):
            continue
        # A fronted past participle is a condition too ("Caught early, the disease is treatable").
        if _mark(t) in _KEPT_FRONTED or (t.dep_ == "advcl" and t.tag_ == "VBN"):
            continue
        span = _span(t.subtree)
        if min(span) <= _first_word(doc) and _is_punct(doc, max(span) + 1, ","):
            yield Cut("fronted", frozenset(range(min(span), max(span) + 2)))


def _dated(doc: Doc, span: set[int] | frozenset[int]) -> bool:
    """Does the span date the claim by a year ("since 2008", "– August 30, 1942 –")? A year says when."""
    return any(_YEAR.match(doc[i].text) for i in span)


def trailing(doc: Doc) -> Iterator[Cut]:
    main = root(doc)
    end = _end(doc)
    for t in main.children:
        if t.i < main.i or t.dep_ not in ("advcl", "prep", "npadvmod", "acl"):
            continue
        if not any(c.dep_ in _COMPLEMENTS and main.i < c.i < t.i for c in main.children):
            continue  # the trailing part is the predicate
        span = _span(t.subtree)
        first = doc[min(span)]
        # An adjunct opens with a preposition, a participle or a marker; a finite verb after the comma is a clause
        # the parse mistook for one ("…after Jo Chan, its manager, boasted that…").
        if first.tag_ in FINITE or first.lower_ in _KEPT_TRAILING:
            continue
        if max(span) + 1 >= end and _is_punct(doc, min(span) - 1, ",;—–"):
            yield Cut("trailing", frozenset(span | {min(span) - 1}))


Finder = Callable[[Doc], Iterator[Cut]]
FINDERS: tuple[Finder, ...] = (
    parenthetical,
    appositive,
    connective,
    day,
    fronted,
    trailing,
)


def cuts(doc: Doc, finders: tuple[Finder, ...] = FINDERS) -> list[Cut]:
    """Every cut the sentence offers: none touches its final punctuation or quoted words, or splits a word."""
    if sum(1 for c in root(doc).children if c.dep_ in SUBJECTS) != 1:
        return []  # no subject, or two: a parse this unsure of the sentence is no guide to cutting it
    untouchable = protected(doc)
    found: dict[frozenset[int], Cut] = {}
    for finder in finders:
        for cut in finder(doc):
            tokens = removable(doc, cut.tokens, untouchable)
            if (
                tokens is not None
                and not _takes_an_antecedent(doc, tokens)
                and not _dated(doc, tokens)
                and tokens not in found
            ):
                found[tokens] = Cut(cut.kind, tokens)
    return list(found.values())


def protected(doc: Doc) -> set[int]:
    """What no cut takes: quoted words and an "according to" source."""
    return quoted(doc) | _sources(doc)


def removable(doc: Doc, span: set[int] | frozenset[int], untouchable: set[int]) -> frozenset[int] | None:
    """The span as a cut (without the sentence's final punctuation), or None if it would take everything, a
    protected word, half a word or half a bracket."""
    end = _end(doc)
    tokens = frozenset(i for i in span if i < end or doc[i].text in ",;")
    if (
        tokens
        and len(tokens) < end
        and not tokens & untouchable
        and _whole_words(doc, tokens)
        and _pairs_brackets(doc, tokens)
    ):
        return tokens
    return None


def names_a_list(doc: Doc, tokens: frozenset[int] | set[int]) -> bool:
    """Does the span list names ("— Blue Harbour, Tarn Ferries and Reyes Marine —")? What a list names is the
    news of the words before it ("the five companies")."""
    return any(doc[i].dep_ == "conj" and doc[i].tag_ in ("NNP", "NNPS") for i in tokens)


def _sources(doc: Doc) -> set[int]:
    """An "according to …" phrase: who a claim is from stays with it."""
    return {i for t in doc if t.lower_ == "according" for i in _span(t.subtree)}


def _takes_an_antecedent(doc: Doc, tokens: frozenset[int]) -> bool:
    """Would the cut take a name a pronoun left behind stands for ("When Cameron visited…, he insisted")?"""
    return any(doc[i].tag_ in ("NNP", "NNPS") for i in tokens) and any(
        t.lower_ in _PRONOUNS for t in doc if t.i not in tokens
    )


def _pairs_brackets(doc: Doc, tokens: frozenset[int]) -> bool:
    """Does the cut take each bracket with its partner ("(…)" whole, or nothing of it)?"""
    balance = 0
    for i in sorted(tokens):
        balance += (doc[i].text in "([") - (doc[i].text in ")]")
        if balance < 0:
            return False
    return balance == 0


def _whole_words(doc: Doc, tokens: frozenset[int]) -> bool:
    """Does the cut start and end at word boundaries ("second-term", "20-4" are one word to a reader)?"""
    a, b = min(tokens), max(tokens)
    starts = a == 0 or bool(doc[a - 1].whitespace_) or doc[a].text in ",;:"
    ends = b + 1 >= len(doc) or bool(doc[b].whitespace_) or doc[b + 1].text in ",;:.!?)]"
    return starts and ends


def keeps_a_sentence(doc: Doc, keep: set[int]) -> bool:
    """Does what is kept still have its main verb, that verb's subject, every kept word's head, and enough
    words?"""
    main = root(doc)
    if main.i not in keep:
        return False
    if any(c.dep_ in SUBJECTS and c.i not in keep for c in main.children):
        return False
    if any(not doc[i].is_punct and doc[i].head.i not in keep for i in keep):
        return False
    return sum(1 for i in keep if not doc[i].is_punct) >= _MIN_WORDS


def render(doc: Doc, keep: set[int]) -> str:
    """The kept tokens as text: a space where a cut left a gap, no comma before the full stop, a capital first."""
    if len(keep) == len(doc):
        return str(doc.text)
    kept = sorted(keep)
    out = [doc[kept[0]].text]
    for a, b in itertools.pairwise(kept):
        # Across a gap, a space if the cut-out words had one anywhere ("Locke, the boss, will" → "Locke will").
        out.append(
            doc[a].whitespace_ if b == a + 1 else max((doc[i].whitespace_ for i in range(a, b)), default="")
        )
        out.append(doc[b].text)
    text = "".join(out)
    text = re.sub(r"\s+([,;:.!?])", r"\1", text)
    text = re.sub(r"[,;:]+(\s*[,;:.!?])", r"\1", text)
    text = re.sub(r"^[\s,;:—–-]+", "", text)
    text = re.sub(r"(?<=\.)\.$", "", text)  # "back into D.C." + "."
    # A capital where a cut took the first word ("But the…" → "The…"); a sentence that opened in lower case
    # keeps it (capitalising would dress a fragment up as a sentence).
    return _capitalised(text) if _first_word(doc) not in keep else text


def _capitalised(text: str) -> str:
    for k, ch in enumerate(text):
        if ch.isalpha():
            return text[:k] + ch.upper() + text[k + 1 :]
        if ch not in _QUOTES and ch not in "([":
            break
    return text
