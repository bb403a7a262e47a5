"""A key point as the reader sees it: the chosen sentence without list marker, dateline or picture cue."""

from __future__ import annotations

import re

from bot.pipeline.summarize.candidates import LIST_MARKER
from bot.pipeline.text import DATELINE

MAX_POINT_CHARS = 300
# "(pictured)", "(left)", "(file photo)": pointers to a picture the reader of a digest does not have.
_PICTURE_CUE = re.compile(
    r"\s*\((?:pictured|above|below|left|right|centre|center|middle|top|bottom|inset|far left|far right|"
    r"file (?:photo|picture|image)|stock (?:photo|picture|image)|(?:pictured )?(?:left|right|centre|center))\)",
    re.IGNORECASE,
)


def clean_point(sentence: str) -> str:
    """A sentence without its list marker, dateline and picture cues ("(pictured)"): what a point is made of."""
    return _PICTURE_CUE.sub("", DATELINE.sub("", LIST_MARKER.sub("", sentence.strip(" |"))))


def trim_point(sentence: str, limit: int = MAX_POINT_CHARS) -> str:
    """A point as shown: a list marker, dateline and picture cues ("(pictured)") dropped; a very long one cut at a
    clause."""
    sentence = clean_point(sentence)
    if len(sentence) <= limit:
        return sentence
    head = sentence[: limit - 1]
    cut = max(head.rfind(sep) for sep in (", ", "; ", " — ", " – ", " - ", ": "))
    if cut < limit * 0.4:
        cut = head.rfind(" ")
    return sentence[:cut].rstrip(" ,;:—–-") + "…"
