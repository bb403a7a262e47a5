"""A sentence broken by machine translation or a bad join is never a point: read on its dependency parse."""

from __future__ import annotations

from typing import Any

# Penn tags of a finite verb (past, present, a modal).
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Function words: a capitalised one inside a sentence starts a sentence that was glued on.
_FUNCTION_TAGS = frozenset({"IN", "DT", "CC", "WDT", "WRB", "WP", "PRP", "PRP$", "TO", "EX", "MD"})
# What a verb takes that makes its clause whole: an object, a complement ("…kicked his third goal", "…says Jo
# would…"). A verb without one may be a relative clause with no "that" ("the deal Acme signed").
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
# What joins a clause to what follows: a conjunction, a relative or subordinating word, a punctuation mark.
_JOINING_TAGS = frozenset({"CC", "WDT", "WRB", "WP", "WP$"})
_JOINING_MARKS = frozenset({",", ";", ":", "-", "—", "–", "("})
# Nouns a clause of time, reason or manner follows without "when" or "that": "the first time Reyes visited…".
_WHEN_NOUNS = frozenset({
    "time", "times", "day", "days", "moment", "minute", "hour", "night", "morning", "afternoon", "evening", "week",
    "weekend", "month", "year", "season", "occasion", "reason", "way", "place",
})  # fmt: skip
# Verbs of saying whose reported clause may follow without "that": "She told reporters last week Smith had lied."
# Every form is listed: the parse has no lemmatizer.
_REPORTING = frozenset({
    "say", "says", "said", "tell", "tells", "told", "claim", "claims", "claimed", "warn", "warns", "warned",
    "confirm", "confirms", "confirmed", "admit", "admits", "admitted", "insist", "insists", "insisted", "believe",
    "believes", "believed", "think", "thinks", "thought", "argue", "argues", "argued", "add", "adds", "added",
    "announce", "announces", "announced", "reveal", "reveals", "revealed", "suggest", "suggests", "suggested",
    "deny", "denies", "denied", "stress", "stresses", "stressed", "fear", "fears", "feared", "promise", "promises",
    "promised", "predict", "predicts", "predicted",
})  # fmt: skip


def is_broken(doc: Any, *, cased: bool = True) -> bool:
    """Machine-translation debris: a capitalised function word glued mid-sentence ("…a rare trip As for the new
    harbour master…"), no clause at all ("According to a report in the Gazette, the island's weekly."), and in a
    `cased` text, whose sentences start with a capital, the lower-case tail of a sentence split in two or a
    caption run into a sentence (`_glued_clause`). A text written all in lower case has neither."""
    if not any(t.tag_ in FINITE or (t.tag_ == "VB" and t.dep_ == "ROOT") for t in doc):
        return True  # no finite verb (nor an imperative): a heading, a caption, a label
    first = next((t for t in doc if not (t.is_punct or t.is_space)), None)
    if cased and first is not None and first.is_alpha and first.is_lower:
        return True  # the tail of a sentence cut in two ("republic of the former Soviet Union, …"); "iPhone" is not
    return _glued_function_word(doc) or (cased and _glued_clause(doc))


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


def _glued_clause(doc: Any) -> bool:
    """Whether a whole clause is glued on after another with no stop between, the way a picture caption runs into
    the text when a page is flattened ("…for the club on Friday night Brandt kicked his third goal…"): a name
    opens a subject whose finite verb takes an object or a complement, right after a clause that ends on its own
    (`_closes_a_clause`), unless the two read as one sentence (what a speaker named after it said, an adverbial
    clause opening the sentence, a clause of time or reason with no "when")."""
    for t in doc[1:]:
        if not (t.is_title and t.tag_ in {"NNP", "NNPS"}) or not _closes_a_clause(doc, t.i):
            continue
        head = t
        while head.dep_ in {"compound", "poss", "amod", "nmod", "flat"} and head.head.i > head.i:
            head = head.head
        if head.left_edge.i != t.i or head.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = head.head
        if _speaker_after(verb) or (verb.dep_ == "ROOT" and _opens_with_a_clause_of(verb, t.i)):
            # The clause before is the name's own: what a speaker named after it said ("It was our best win
            # Smith told reporters"), an adverbial clause opening the sentence ("Every time they won a corner
            # Smith made a save").
            continue
        if verb.dep_ == "relcl" and verb.head.i == t.i - 1 and verb.head.lower_ in _WHEN_NOUNS:
            continue  # "the first time Reyes had visited the quay": a clause of time, no seam
        finite = verb.tag_ in FINITE or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE for c in verb.children
        )
        if finite and _whole(verb):
            return True
    return False


def _speaker_after(verb: Any) -> bool:
    """Whether `verb` reports speech with nothing said after it (what was said came before): no clause, and no
    object but the one told ("…Smith told reporters"; "…Ford announced the closure" says what)."""
    return (
        verb.lower_ in _REPORTING
        and not any(c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i for c in verb.children)
        and (verb.lower_ in {"tell", "tells", "told"} or not any(c.dep_ == "dobj" for c in verb.children))
    )


def _opens_with_a_clause_of(verb: Any, i: int) -> bool:
    """Whether an adverbial clause of `verb` comes before doc[i]."""
    return any(c.dep_ == "advcl" and c.i < i for c in verb.children)


def _whole(verb: Any) -> bool:
    """Whether the verb has what makes its clause whole: an object or complement; a clause it takes only if that
    is whole too ("the striker Chelsea wanted to sign in January", "the money Smith says he lent to the party"
    lack their object: relative clauses)."""
    return any(
        c.dep_ in _COMPLEMENTS
        and (c.dep_ not in {"xcomp", "ccomp"} or not c.tag_.startswith("VB") or _whole(c))
        for c in verb.children
    )


def _closes_a_clause(doc: Any, i: int) -> bool:
    """Whether the words before doc[i] end a clause of their own: they end on a lower-case word (or one and a
    closing quote), with a finite verb more than three words back, no verb of saying (a reported clause needs no
    "that"), and nothing joining it to what follows."""
    if i < 2:
        return False
    k = i - 1
    quoted = doc[k].tag_ == "''"  # a closing quote by its tag: an opening one ('said "Rovers…') is no end
    k -= quoted
    word = doc[k]
    if not (word.is_alpha and word.is_lower):
        return False
    while k >= 0 and doc[k].tag_ not in FINITE:
        if doc[k].tag_ in _JOINING_TAGS or doc[k].dep_ == "mark" or doc[k].text in _JOINING_MARKS:
            return False
        k -= 1
    if k < 0 or i - k <= 3:
        return False
    # "The minister said on Monday night Britain would…": a reported clause without "that", no seam.
    verb = doc[k].head if doc[k].dep_ in {"aux", "auxpass"} else doc[k]
    return verb.lower_ not in _REPORTING
