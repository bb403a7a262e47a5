"""The ranker's features: their names, and the surface cues it reads from a sentence's text.

A row of the feature matrix is a sentence; its columns are named by FEATURES (the hand-made prior, position,
centrality, title overlap, length, and the style cues of STYLE_FEATURES). `Analysis` carries the matrix with the
similarities and the document-level evidence of order (ORDER_FEATURES) that the gate reads.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.pipeline.text import ATTRIBUTION_CUE

STYLE_FEATURES = (
    "quote_start",
    "has_quote",
    "attribution",
    "first_person",
    "numbers",
    "capitals",
    "time_words",
    "no_terminal",
    "question",
    "label",
)
# Features that depend on where a sentence sits (the content scorer, trained on shuffled text, leaves them out).
POSITION_FEATURES = (
    "prior",
    "position",
    "first",
    "second",
    "third",
    "before_start",
    "position_trusted",
    "first_trusted",
    "relative_position",
    "trust",
)
FEATURES = (
    "bias",
    *POSITION_FEATURES,
    "forward",
    "backward",
    "degree",
    "centroid",
    "title",
    "title_recall",
    "content_rank",
    "length",
    "length_sq",
    "short",
    "junk",
    "opener",
    *STYLE_FEATURES,
)
ORDER_FEATURES = ("bias", "trust", "start_rank", "start_title", "coherence")
_QUOTE_START = re.compile(r"^[\"“‘'«„]")
_HAS_QUOTE = re.compile(r"(?:^|[\s:(])[\"“‘'«„][^\W\d_]")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|we|my|our|me|us)\b")
_NUMBER = re.compile(r"\d")
# Words that place a sentence in the news cycle, in any case (text.py's WEEKDAY_NAMES are capitalised only).
_TIME_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
    r"last (?:week|night|month|year)|this (?:week|morning|year))\b",
    re.IGNORECASE,
)
# A terminal mark with any closing marks right after it (candidates.py's furniture test also allows a space).
_TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_LABEL = re.compile(r"^[^\W\d_][^\s:]*(?:\s[^\s:]+){0,2}:\s")


def _style(text: str, words: Sequence[str]) -> list[float]:
    """Surface cues of a lede versus a quote, a caption or a follow-on sentence; same order as STYLE_FEATURES."""
    count = max(len(words), 1)
    capitals = sum(1 for w in words[1:] if w[:1].isupper()) / count
    return [
        1.0 if _QUOTE_START.match(text) else 0.0,
        1.0 if _HAS_QUOTE.search(text) else 0.0,
        1.0 if ATTRIBUTION_CUE.search(text) else 0.0,
        1.0 if _FIRST_PERSON.search(text) else 0.0,
        min(len(_NUMBER.findall(text)), 4) / 4.0,
        capitals,
        1.0 if _TIME_WORDS.search(text) else 0.0,
        0.0 if _TERMINAL.search(text) else 1.0,
        1.0 if text.rstrip("\"'”’» ").endswith("?") else 0.0,
        1.0 if _LABEL.match(text) else 0.0,
    ]


def style_columns(texts: Sequence[str], words: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
    """The STYLE_FEATURES columns, one value a sentence."""
    n = len(texts)
    style = np.array([_style(t, ws) for t, ws in zip(texts, words, strict=True)]).reshape(n, -1)
    return {name: style[:, k] for k, name in enumerate(STYLE_FEATURES)}


# A sentence that leans on the one before it ("He said…", "But…"): the "opener" feature.
_FOLLOW_ON_OPENER = re.compile(
    r"^[\"'“‘]?(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|however|also|so|then|yet|"
    r"meanwhile|instead|still|there|here)\b",
    re.IGNORECASE,
)
_JUNK_SENTENCE = re.compile(
    r"scroll down|click here|published:|updated:|last updated|^by\s+\S+(?:\s+\S+)?\s*[.|]|follow @|"
    r"read more|sign up|subscribe|photo:|video:|©|watch the video|"
    r"(?:video|gallery|photos?|clip) (?:can be seen|is|appears|plays) (?:at the top|above|below)",
    re.IGNORECASE,
)


def junk_flags(texts: Sequence[str]) -> np.ndarray:
    """1.0 for a sentence of the page's furniture ("Scroll down for video", "Click here"), else 0.0."""
    return np.array([1.0 if _JUNK_SENTENCE.search(t) else 0.0 for t in texts])


def opener_flags(texts: Sequence[str]) -> np.ndarray:
    """1.0 for a sentence that opens leaning on the one before it, else 0.0."""
    return np.array([1.0 if _FOLLOW_ON_OPENER.match(t) else 0.0 for t in texts])


@dataclass(frozen=True)
class Analysis:
    sim: np.ndarray  # cosine similarity between candidate sentences (zero diagonal)
    features: np.ndarray  # n × len(FEATURES)
    prior: np.ndarray  # the hand-made score (position, centrality, title, length); also a feature
    order: np.ndarray  # document-level evidence that the text is in published order (ORDER_FEATURES)


def story_start(analysis: Analysis) -> int:
    """Index of the sentence the story starts at (chatter before it is not the story)."""
    return int((analysis.features[:, FEATURES.index("before_start")] > 0).sum())
