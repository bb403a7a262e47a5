"""A sentence broken by machine translation or a bad join is never a point: read on its dependency parse."""

from __future__ import annotations

from typing import Any

# Penn tags of a finite verb (past, present, a modal).
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Function words: a capitalised one inside a sentence starts a sentence that was glued on.
_FUNCTION_TAGS = frozenset({"IN", "DT", "CC", "WDT", "WRB", "WP", "PRP", "PRP$", "TO", "EX", "MD"})


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
    return _glued_function_word(doc)


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
