"""The word model: set selection by expected ROUGE-1 F1 among the ranker's best candidates.

The word model estimates, for each word of the text, how often a reader's summary would use it (a Poisson
rate from what the word is and where it first appears), and picks the set of points with the best expected
ROUGE-1 F1 against such a summary: words the story is about, few words that are not. Words are counted as
rouge-score counts them (lower-cased runs of letters and digits, longer words stemmed), so stop words count too.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from bot.pipeline.summarize.vectors import zscore

WORD_FEATURES = (
    "bias",
    "count",  # log(1 + occurrences in the text)
    "spread",  # share of sentences that use it
    "stop",
    "stop_count",
    "number",
    "length",
    "title",
    "capital",  # capitalized inside a sentence: a name
    "title_capital",
)
# Where the word first appears in the story (counted from the story's start); used only for text in order.
WORD_POSITION_FEATURES = ("first_seen", "in_first", "in_lead", "title_first_seen")
# A word as rouge-score counts it: a run of letters and digits.
_ROUGE_TOKEN = re.compile(r"[^\W_]+")
_MAX_REPEATS = 8  # a word used more often than this in a set of points counts as this often


def point_tokens(text: str, stem: Callable[[str], str]) -> list[str]:
    """A text's words as rouge-score counts them (its own stemmer stands in for Porter's in other languages)."""
    return [stem(t) if len(t) > 3 and not t.isdigit() else t for t in _ROUGE_TOKEN.findall(text.lower())]


@dataclass(frozen=True)
class WordInputs:
    """What the word model reads from a text: each candidate's words (as shown) and a few word sets."""

    tokens: list[list[str]]
    title: frozenset[str]
    capitals: frozenset[str]
    stop: frozenset[str]


@dataclass(frozen=True)
class WordTable:
    start: int  # where the story starts; sentences before it (chatter) are never points
    types: list[str]
    content: np.ndarray  # one row a word type, columns WORD_FEATURES
    position: np.ndarray  # columns WORD_POSITION_FEATURES


def word_table(inputs: WordInputs, start: int) -> WordTable:
    first: dict[str, int] = {}
    count: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    for i, tokens in enumerate(inputs.tokens):
        if i >= start:
            for t in tokens:
                first.setdefault(t, i - start)
        count.update(tokens)
        spread.update(set(tokens))
    n = max(len(inputs.tokens), 1)
    types = list(count)
    content = np.empty((len(types), len(WORD_FEATURES)))
    position = np.zeros((len(types), len(WORD_POSITION_FEATURES)))
    for j, t in enumerate(types):
        stop = float(t in inputs.stop)
        title = float(t in inputs.title)
        capital = float(t in inputs.capitals)
        content[j] = (
            1.0,
            np.log1p(count[t]),
            spread[t] / n,
            stop,
            stop * np.log1p(count[t]),
            float(t.isdigit()),
            min(len(t), 12) / 12,
            title,
            capital,
            title * capital,
        )
        seen = first.get(t)
        if seen is not None:
            decay = float(np.exp(-seen / 3))
            position[j] = (decay, float(seen == 0), float(seen < 3), title * decay)
    return WordTable(start, types, content, position)


def expected_overlap(rate: np.ndarray) -> np.ndarray:
    """E[min(c, R)] for R ~ Poisson(rate) and c = 0.._MAX_REPEATS: one row a word, one column c."""
    out = np.zeros((len(rate), _MAX_REPEATS + 1))
    p = np.exp(-rate)
    cdf = p.copy()
    for k in range(1, _MAX_REPEATS + 1):
        out[:, k] = out[:, k - 1] + (1.0 - cdf)  # + P(R >= k)
        p = p * rate / k
        cdf = cdf + p
    return out


@dataclass(frozen=True)
class WordModel:
    """Set selection by expected ROUGE-1 F1 (bench/train_keypoints.py fits it on the tune half).

    `ordered` (WORD_FEATURES + WORD_POSITION_FEATURES) rates words of a text the gate believes is in order;
    `content` (WORD_FEATURES only) those of one it believes is not. Between the two bounds of `unsure` the
    gate cannot tell, and the sentence ranker chooses alone. Candidates are the ranker's `pool` best sentences;
    `ranker_weight` adds its (z-scored) opinion to the expected F1.
    """

    ordered: np.ndarray
    content: np.ndarray
    unsure: tuple[float, float]
    pool: int
    ranker_weight: float
    point_length: float  # expected words a point of a reader's summary

    def rates(self, table: WordTable, in_order: float) -> np.ndarray:
        if in_order >= self.unsure[1]:
            logits = np.column_stack([table.content, table.position]) @ self.ordered
        else:
            logits = table.content @ self.content
        rate: np.ndarray = np.exp(np.clip(logits, -20.0, 5.0))
        return rate

    def choose(
        self,
        table: WordTable,
        inputs: WordInputs,
        in_order: float,
        score: np.ndarray,
        sim: np.ndarray,
        count: int,
        duplicate_similarity: float,
        eligible: np.ndarray | None = None,
    ) -> list[int] | None:
        """The best set of `count` points, or None where the ranker should choose (gate unsure, or no set)."""
        ranked = np.argsort(-score, kind="stable")
        ranked = ranked[ranked >= table.start]
        if eligible is not None:
            ranked = ranked[eligible[ranked]]
        if self.unsure[0] <= in_order < self.unsure[1] or len(ranked) <= count:
            return None
        pool = np.sort(ranked[: max(self.pool, count)])
        index = {t: j for j, t in enumerate(table.types)}
        counts = np.zeros((len(pool), len(table.types)), dtype=np.int64)
        for row, i in enumerate(pool):
            for t in inputs.tokens[i]:
                counts[row, index[t]] += 1
        used = counts.any(axis=0)
        counts = counts[:, used]
        gain = expected_overlap(self.rates(table, in_order)[used])
        combos = np.array(list(itertools.combinations(range(len(pool)), count)))
        total = counts[combos].sum(axis=1)  # one row a candidate set, one column a word
        overlap = np.take_along_axis(gain.T, np.minimum(total, _MAX_REPEATS), axis=0).sum(axis=1)
        length = total.sum(axis=1)
        value = 2.0 * overlap / (length + self.point_length * count)
        value += self.ranker_weight * zscore(score)[pool][combos].mean(axis=1)
        # Never two points that say the same thing.
        close = sim[np.ix_(pool, pool)] >= duplicate_similarity
        for a, b in itertools.combinations(range(count), 2):
            value[close[combos[:, a], combos[:, b]]] = -np.inf
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            return None
        return sorted(int(i) for i in pool[combos[best]])


@dataclass(frozen=True)
class WordValue:
    """What a set of points is worth to a reader's summary of one story: its expected ROUGE-1 F1 under the word
    model's rates for the story's words (the measure WordModel.choose chose the set by), for compress.py to
    weigh a shorter wording of the same points with."""

    rates: dict[str, float]  # a word (as point_tokens counts it) → its rate; a word the story lacks has none
    stem: Callable[[str], str]
    point_length: float

    def tokens(self, text: str) -> list[str]:
        return point_tokens(text, self.stem)

    def f1(self, points: list[list[str]]) -> float:
        """Expected ROUGE-1 F1 of points given as their tokens."""
        counts = Counter(t for tokens in points for t in tokens)
        known = [(self.rates[t], c) for t, c in counts.items() if t in self.rates]
        overlap = 0.0
        if known:
            rate = np.array([r for r, _ in known])
            repeats = np.minimum([c for _, c in known], _MAX_REPEATS)
            overlap = float(expected_overlap(rate)[np.arange(len(known)), repeats].sum())
        return 2.0 * overlap / (sum(counts.values()) + self.point_length * len(points))

    def on_topic(self, words: Counter[str]) -> float:
        """How much the words are what a summary of the story would say: their mean rate, each at most 1."""
        total = sum(words.values())
        return sum(min(self.rates.get(t, 0.0), 1.0) * n for t, n in words.items()) / total if total else 0.0


@cache
def stop_tokens(stop_words: frozenset[str], stemmer: Callable[[str], str]) -> frozenset[str]:
    """The stop words as point_tokens counts them."""
    return frozenset(t for w in stop_words for t in point_tokens(w, stemmer))  # point_tokens lower-cases
