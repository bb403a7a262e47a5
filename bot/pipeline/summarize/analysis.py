"""The ranker's reading of a text, one step a function: tf-idf similarities, directed centrality, title overlap,
where the story starts, the position and length priors, the hand-made score, the lede's trust, the feature
columns and the evidence that the text is in published order. KeyPointSummarizer.analyse calls them in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.pipeline.summarize.features import FEATURES
from bot.pipeline.summarize.params import KeyPointParams
from bot.pipeline.summarize.vectors import normalize_rows, unit, unit_max


def drop_document_stop_words(terms: list[list[str]]) -> list[list[str]]:
    """Language-neutral fallback: words in over 30% of sentences behave as stop words."""
    if len(terms) < 8:
        return terms
    df = Counter(t for ts in terms for t in set(ts))
    frequent = {t for t, c in df.items() if c / len(terms) > 0.3}
    return [[t for t in ts if t not in frequent] for ts in terms]


@dataclass(frozen=True)
class TermSpace:
    """The sentences as tf-idf vectors over the text's own terms."""

    vocab: dict[str, int]  # a term's column
    tf: np.ndarray  # 1 + log(count), one row a sentence
    idf: np.ndarray
    x: np.ndarray  # tf-idf rows of unit length
    sim: np.ndarray  # cosine similarity between sentences (zero diagonal)


def term_space(terms: Sequence[Sequence[str]]) -> TermSpace:
    n = len(terms)
    vocab: dict[str, int] = {}
    for ts in terms:
        for t in ts:
            vocab.setdefault(t, len(vocab))
    tf = np.zeros((n, max(len(vocab), 1)), dtype=np.float64)
    for i, ts in enumerate(terms):
        for t, c in Counter(ts).items():
            tf[i, vocab[t]] = 1.0 + np.log(c)
    df = (tf > 0).sum(axis=0)
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    x = normalize_rows(tf * idf)
    sim = x @ x.T
    np.fill_diagonal(sim, 0.0)
    return TermSpace(vocab=vocab, tf=tf, idf=idf, x=x, sim=sim)


@dataclass(frozen=True)
class Centrality:
    """Each sentence's edges to the others, summed and scaled to a maximum of 1."""

    weighted: np.ndarray  # forward and backward edges, weighted by direction: the prior's centrality
    forward: np.ndarray  # edges to later sentences
    backward: np.ndarray  # edges to earlier sentences
    degree: np.ndarray  # undirected: what a shuffled text still shows


def directed_centrality(sim: np.ndarray, p: KeyPointParams) -> Centrality:
    """Directed centrality (PacSum): edges above a threshold, weighted by direction."""
    n = len(sim)
    off = sim[~np.eye(n, dtype=bool)] if n > 1 else np.zeros(1)
    lo, hi = float(off.min()), float(off.max())
    edges = np.clip(sim - (lo + p.edge_threshold * (hi - lo)), 0.0, None)
    upper = np.triu(edges, 1).sum(axis=1)  # similarity to later sentences
    lower = np.tril(edges, -1).sum(axis=1)  # similarity to earlier sentences
    return Centrality(
        weighted=unit_max(p.forward_weight * upper + p.backward_weight * lower),
        forward=unit_max(upper),
        backward=unit_max(lower),
        degree=unit_max(edges.sum(axis=1)),
    )


def centroid_similarity(space: TermSpace) -> np.ndarray:
    """Each sentence's cosine similarity to the text as a whole."""
    centroid: np.ndarray = space.x @ unit(space.x.sum(axis=0))
    return centroid


def title_overlap(space: TermSpace, title_terms: Counter[str] | None) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's cosine similarity to the title, and the share of the title's terms it uses (zeros with no
    title, or none of its terms in the text)."""
    n = len(space.tf)
    title_score = np.zeros(n)
    title_recall = np.zeros(n)
    if title_terms is not None:
        tv = np.zeros(space.x.shape[1])
        for t, c in title_terms.items():
            if t in space.vocab:
                tv[space.vocab[t]] = (1.0 + np.log(c)) * space.idf[space.vocab[t]]
        if tv.any():
            title_score = space.x @ unit(tv)
            title_recall = (space.tf > 0).astype(np.float64) @ (tv > 0) / max(len(title_terms), 1)
    return title_score, title_recall


def story_start_index(relevance: np.ndarray, threshold: float) -> int:
    """The first sentence whose relevance is at least `threshold` of the highest (0 if none is relevant).

    The position prior counts from where the story starts: leading chatter or a promo header that nothing else in
    the text echoes is skipped rather than rewarded for coming first.
    """
    start = 0
    if relevance.max() > 0:
        relevant = np.nonzero(relevance >= threshold * relevance.max())[0]
        start = int(relevant[0]) if relevant.size else 0
    return start


def position_prior(n: int, start: int, decay: float) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's offset from the story's start, and the prior exp(-offset / decay) (0 before the start)."""
    offset = np.arange(n) - start
    position = np.where(offset >= 0, np.exp(-np.maximum(offset, 0) / max(decay, 1e-6)), 0.0)
    return offset, position


def length_factor(lengths: np.ndarray, p: KeyPointParams) -> np.ndarray:
    """The length prior: short sentences fall off quadratically below min_words, long ones past ideal_max_words."""
    factor = np.minimum(1.0, lengths / p.min_words) ** 2
    factor *= np.where(lengths > p.ideal_max_words, p.ideal_max_words / np.maximum(lengths, 1), 1.0)
    return factor


def hand_made_prior(
    p: KeyPointParams,
    position: np.ndarray,
    centrality: np.ndarray,
    title_score: np.ndarray,
    length: np.ndarray,
    junk: np.ndarray,
    opener: np.ndarray,
) -> np.ndarray:
    """The score the ranker uses without a trained model: position, centrality and title, times the length prior,
    with the page's furniture and (by opener_penalty) follow-on sentences marked down."""
    prior: np.ndarray = (
        (p.position_weight * position + p.centrality_weight * centrality + p.title_weight * title_score)
        * length
        * (1.0 - 0.8 * junk)
        * (1.0 - p.opener_penalty * opener)
    )
    return prior


def lede_trust(content: np.ndarray, start: int) -> float:
    """How far to trust position: a lede reads like one (it echoes the title and the rest of the story), so the
    content rank of the story's first two sentences. In a text whose opening is a random paragraph this is low,
    and the model leans on content instead."""
    head = content[start : start + 2]
    return float(head.mean()) if head.size else 0.0


def position_columns(offset: np.ndarray, position: np.ndarray, trust: float, n: int) -> dict[str, np.ndarray]:
    """The POSITION_FEATURES columns but the prior."""
    return {
        "position": position,
        "first": (offset == 0).astype(np.float64),
        "second": (offset == 1).astype(np.float64),
        "third": (offset == 2).astype(np.float64),
        "before_start": (offset < 0).astype(np.float64),
        "position_trusted": position * trust,
        "first_trusted": (offset == 0) * trust,
        "relative_position": np.maximum(offset, 0) / max(n, 1),
        "trust": np.full(n, trust),
    }


def length_columns(lengths: np.ndarray, min_words: int) -> dict[str, np.ndarray]:
    return {
        "length": np.minimum(lengths, 80.0) / 30.0,
        "length_sq": (np.minimum(lengths, 80.0) / 30.0) ** 2,
        "short": (lengths < min_words).astype(np.float64),
    }


def feature_matrix(columns: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """One row a sentence: a bias column of ones, then the columns in FEATURES order."""
    features = np.column_stack([columns[name] for name in FEATURES[1:]])
    features = np.column_stack([np.ones(n), features])
    return features


def order_evidence(
    sim: np.ndarray, start: int, trust: float, content: np.ndarray, title_score: np.ndarray
) -> np.ndarray:
    """The ORDER_FEATURES of the text. Is it in its published order? Its opening echoes the title and the story,
    and neighbours are more alike than random pairs (local coherence); a shuffled or reordered text shows neither."""
    tail = sim[start:, start:]
    m = len(tail)
    coherence = float(np.diag(tail, 1).mean() - tail[np.triu_indices(m, 1)].mean()) if m > 2 else 0.0
    title_first = float(title_score[start] / title_score.max()) if title_score.max() > 0 else 0.0
    return np.array([1.0, trust, float(content[start]), title_first, 30.0 * coherence])
