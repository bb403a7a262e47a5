"""A sentence broken by machine translation or a bad join is never a point: read on its dependency parse."""

from __future__ import annotations

from typing import Any

# Penn tags of a finite verb (past, present, a modal).
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Function words: a capitalised one inside a sentence starts a sentence that was glued on.
_FUNCTION_TAGS = frozenset({"IN", "DT", "CC", "WDT", "WRB", "WP", "PRP", "PRP$", "TO", "EX", "MD"})


def is_broken(doc: Any) -> bool:
    """Machine-translation debris: a capitalised function word glued mid-sentence ("…a rare trip As for the new
    harbour master…"), or no clause at all ("According to a report in the Gazette, the island's weekly.")."""
    if not any(t.tag_ in _FINITE or (t.tag_ == "VB" and t.dep_ == "ROOT") for t in doc):
        return True  # no finite verb (nor an imperative): a heading, a caption, a label
    return any(
        t.is_title
        and t.text != "I"
        and (t.tag_ in _FUNCTION_TAGS or (t.tag_ == "RB" and t.is_stop))  # "…music Not content with…"
        and doc[t.i - 1].is_alpha
        and doc[t.i + 1].is_alpha
        and doc[t.i + 1].is_lower
        for t in doc[1:-1]
    )
