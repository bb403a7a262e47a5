"""A sentence broken by machine translation or a bad join is never a point: read on its dependency parse."""

from __future__ import annotations

from typing import Any

# Penn tags of a finite verb (past, present, a modal).
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Function words: a capitalised one inside a sentence starts a sentence that was glued on.
_FUNCTION_TAGS = frozenset({"IN", "DT", "CC", "WDT", "WRB", "WP", "PRP", "PRP$", "TO", "EX", "MD"})
# Words a clause can end on before a glued one: a noun, an adjective, a number, a particle ("…on Friday night").
_CLAUSE_ENDS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS", "CD", "RP"})
# What a verb takes that makes its clause whole: an object, a complement ("…kicked his third goal", "…says Jo
# would…"). A verb without one may be a relative clause with no "that" ("the deal Acme signed").
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
# What joins a clause to what follows: a conjunction, a relative or subordinating word, a punctuation mark.
_JOINING_TAGS = frozenset({"CC", "WDT", "WRB", "WP", "WP$"})
_JOINING_MARKS = frozenset({",", ";", ":", "-", "—", "–", "("})
_CLOSING_QUOTES = frozenset({"’", "'", "”", '"'})
# Nouns a clause of time or manner follows without "when" or "that": "the first time Reyes visited the quay".
_WHEN_NOUNS = frozenset(
    {"time", "times", "day", "days", "moment", "night", "week", "month", "year", "season", "way"}
)


def is_broken(doc: Any, *, cased: bool = True) -> bool:
    """Machine-translation debris: a capitalised function word glued mid-sentence ("…a rare trip As for the new
    harbour master…"), no clause at all ("According to a report in the Gazette, the island's weekly."), or the
    lower-case tail of a sentence split in two (in a `cased` text, whose sentences start with a capital: a text
    written all in lower case has no such tails)."""
    if not any(t.tag_ in FINITE or (t.tag_ == "VB" and t.dep_ == "ROOT") for t in doc):
        return True  # no finite verb (nor an imperative): a heading, a caption, a label
    first = next((t for t in doc if not (t.is_punct or t.is_space)), None)
    if cased and first is not None and first.is_alpha and first.is_lower:
        return True  # the tail of a sentence cut in two ("republic of the former Soviet Union, …"); "iPhone" is not
    return _glued_function_word(doc) or (cased and _glued_clause(doc) is not None)


def _glued_function_word(doc: Any) -> bool:
    """A capitalised function word inside the sentence, after a word and before a lower-case one."""
    return any(
        t.is_title
        and t.text != "I"
        and (t.tag_ in _FUNCTION_TAGS or (t.tag_ == "RB" and t.is_stop))  # "…music Not content with…"
        and doc[t.i - 1].is_alpha
        and doc[t.i + 1].is_alpha
        and doc[t.i + 1].is_lower
        for t in doc[1:-1]
    )


def _glued_clause(doc: Any) -> Any | None:
    """The first word of a whole clause glued on after another with no stop between, the way a picture caption runs
    into the text when a page is flattened ("…in the final on Saturday Brandt scored twice in the second half"):
    a name opens a subject whose finite verb takes an object or a complement, after a noun, adjective or number
    that closes a clause with a finite verb of its own more than three words back and no conjunction,
    subordinating word or punctuation mark since. None if there is none."""
    for t in doc[1:]:
        if not (t.is_title and t.tag_ in {"NNP", "NNPS"}) or not _closes_a_clause(doc, t.i):
            continue
        head = t
        while head.dep_ in {"compound", "poss", "amod", "nmod", "flat"} and head.head.i > head.i:
            head = head.head
        if head.left_edge.i != t.i or head.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = head.head
        if verb.dep_ == "relcl" and verb.head.i == t.i - 1 and verb.head.lower_ in _WHEN_NOUNS:
            continue  # "the first time Reyes had visited the quay": a clause of time, no seam
        finite = verb.tag_ in FINITE or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE for c in verb.children
        )
        if verb.i > head.i and finite and any(c.dep_ in _COMPLEMENTS for c in verb.children):
            return t
    return None


def _closes_a_clause(doc: Any, i: int) -> bool:
    """Whether the words before doc[i] end a clause of their own: a noun, adjective or number (or any word and a
    closing quote), with a finite verb more than three words back and nothing joining it to what follows."""
    k = i - 1
    quoted = k > 0 and doc[k].text in _CLOSING_QUOTES
    k -= quoted
    word = doc[k]
    if not (word.is_alpha and word.is_lower and (quoted or word.tag_ in _CLAUSE_ENDS)):
        return False
    while k >= 0 and doc[k].tag_ not in FINITE:
        if doc[k].tag_ in _JOINING_TAGS or doc[k].dep_ == "mark" or doc[k].text in _JOINING_MARKS:
            return False
        k -= 1
    return k >= 0 and i - k > 3
