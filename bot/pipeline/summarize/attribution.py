"""A point without the attribution tail of reported speech: "The bridge will close in May, the mayor said on
Tuesday." reads "The bridge will close in May." Read on the point's dependency parse.

Only a tail is dropped: the verb of saying is the sentence's root, its content clause comes first, and the tail is
the speaker, the verb and short modifiers of the verb ("on Tuesday", "in a statement"). What follows the tail after
a comma stays ("…, amid concerns that…"), unless it is the speaker's own clause ("…, adding that…"). Quoted speech
keeps its speaker: a quotation without one misleads.
"""

from __future__ import annotations

from typing import Any

# Verbs of saying, as a tail writes them.
_SAYING = frozenset(
    {"said", "says", "told", "added", "explained", "announced", "confirmed", "stated", "reported"}
)
# What may follow the verb inside the tail: an object ("told reporters"), a time ("on Tuesday", "Tuesday"), a
# manner ("in a statement"), an adverb ("later").
_TAIL_DEPENDENTS = frozenset({"dobj", "dative", "npadvmod", "advmod", "prep", "agent"})
# A clause of the verb that follows the tail: its subject is the speaker, who would be gone.
_SPEAKERS_CLAUSES = frozenset({"advcl", "xcomp", "conj", "ccomp", "dobj", "parataxis"})
_TAIL_MAX_TOKENS = 12  # a longer "tail" carries news of its own
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»", "``", "''"})


def without_attribution(doc: Any) -> str | None:
    """The sentence without its attribution tail, or None when it has none to drop."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1 or roots[0].lower_ not in _SAYING:
        return None
    verb = roots[0]
    content = [c for c in verb.lefts if c.dep_ == "ccomp"]
    speaker = [c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    if not content or not speaker or speaker[0].i < content[-1].right_edge.i:
        return None
    content_end, start = content[-1].right_edge.i + 1, speaker[0].left_edge.i
    end = verb.i + 1
    for child in verb.rights:
        if child.left_edge.i != end or child.dep_ not in _TAIL_DEPENDENTS:
            break
        if any(t.text == "," for t in child.subtree):
            break  # a modifier set off by commas is news of its own
        end = child.right_edge.i + 1
    following = next((c for c in verb.rights if c.i >= end and not c.is_punct), None)
    if (
        end - start > _TAIL_MAX_TOKENS
        or any(not t.is_punct for t in doc[content_end:start])  # words between the content and the tail
        or _quoted(doc, content[-1].left_edge.i, start)
        or (following is not None and following.dep_ in _SPEAKERS_CLAUSES)
    ):
        return None
    head: str = doc[:content_end].text.rstrip(" ,")
    after = doc[end:]
    if all(t.is_punct for t in after):
        rest = after.text.strip(" ,")
        return head + (rest if rest[:1] in (".", "!", "?") else ".")
    if after[0].text != ",":
        return None
    return f"{head}, {after.text.lstrip(' ,')}"


def _quoted(doc: Any, content_start: int, tail_start: int) -> bool:
    """Whether the content is a quotation: a quote mark opens the sentence or the content, or closes it just
    before the tail (a scare-quoted phrase inside the content does not count)."""
    return (
        doc[0].text in _QUOTES
        or any(t.text in _QUOTES for t in doc[max(0, content_start - 1) : content_start + 1])
        or any(t.text in _QUOTES for t in doc[max(0, tail_start - 3) : tail_start])
    )
