"""Key points: extractive, on sumy's document model, with a summarizer of our own.

`KeyPointSummarizer` scores each candidate sentence by a position prior, PacSum-style directed centrality
(a sentence that many later sentences echo is central; news puts those first), overlap with the title, and a
length prior, then picks sentences with MMR so no two points say the same thing. Sumy's own summarizers
(LexRank, TextRank, LSA, Luhn) stay available by name for comparison in `bench/keypoints.py`.

Cost is bounded: only the first `MAX_CANDIDATES` sentences (news is front-loaded) are scored, so the quadratic
similarity matrix never exceeds MAX_CANDIDATES² entries whatever the input's length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import punkt
from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.nlp.stemmers import Stemmer, null_stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from bot.lang import LanguageSupport

MAX_CANDIDATES = 300
MAX_PARSE_CHARS = 200_000  # the parser sees at most this much text; candidates come from its first sentences
MAX_POINT_CHARS = 300
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
_FALLBACK_SENTENCES = re.compile(r"(?<=[.!?。！？…])\s+|(?<=[。！？])")
_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .,'-]{1,40}\s*)?\((?:CNN|AP|AFP|Reuters|UPI)\)\s*(?:--|—|-|–)?\s*")
_OPENER = re.compile(
    r"^[\"'“‘]?(?:he|she|it|they|this|that|these|those|his|her|their|its|but|and|however|also|so|then|yet|"
    r"meanwhile|instead|still|there|here)\b",
    re.IGNORECASE,
)
_JUNK_SENTENCE = re.compile(
    r"scroll down|click here|published:|updated:|last updated|^by\s+\S+(?:\s+\S+)?\s*[.|]|follow @|"
    r"read more|sign up|subscribe|photo:|video:|©",
    re.IGNORECASE,
)


class SentenceTokenizer:
    """A sumy tokenizer that needs no NLTK data: punkt models from a package, a regex for words."""

    def __init__(self, support: LanguageSupport) -> None:
        self._support = support
        self._punkt = (
            punkt.PunktSentenceTokenizer(punkt.load_model(support.punkt_model))
            if support.punkt_model
            else None
        )

    @property
    def language(self) -> str:
        return self._support.name.lower()

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        if self._punkt is not None:
            parts = self._punkt.tokenize(paragraph)
        else:
            parts = _FALLBACK_SENTENCES.split(paragraph)
        return tuple(s.strip() for s in parts if s and s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


@cache
def tokenizer_for(support: LanguageSupport) -> SentenceTokenizer:
    return SentenceTokenizer(support)


@cache
def stemmer_for(support: LanguageSupport) -> Stemmer | None:
    return Stemmer(support.stemmer) if support.stemmer else None


@cache
def stop_words_for(support: LanguageSupport) -> frozenset[str]:
    return frozenset(get_stop_words(support.stop_words)) if support.stop_words else frozenset()


def parse(text: str, support: LanguageSupport) -> ObjectDocumentModel:
    """Sumy's document model of (at most the first MAX_PARSE_CHARS of) the text."""
    if len(text) > MAX_PARSE_CHARS:
        cut = text.rfind("\n\n", 0, MAX_PARSE_CHARS)
        text = text[: cut if cut > 0 else MAX_PARSE_CHARS]
    return PlaintextParser.from_string(text, tokenizer_for(support)).document


@dataclass(frozen=True)
class KeyPointParams:
    """Weights of the sentence score; chosen by bench/tune_keypoints.py on one half of the news set."""

    position_weight: float = 0.5
    position_decay: float = 4.0  # sentences; the prior is exp(-i / decay)
    centrality_weight: float = 0.6
    forward_weight: float = 1.0  # edges to later sentences
    backward_weight: float = 0.3  # edges to earlier sentences
    edge_threshold: float = 0.1  # fraction of the similarity range below which an edge is ignored
    title_weight: float = 1.0
    min_words: int = 6
    ideal_max_words: int = 45
    story_start_threshold: float = (
        0.2  # the story starts at the first sentence this relevant (chatter before it)
    )
    opener_penalty: float = 0.0  # "He said…", "But…": sentences that need the one before them
    redundancy: float = 0.8  # MMR trade-off
    duplicate_similarity: float = 0.55  # a candidate this similar to a chosen point is never chosen


class KeyPointSummarizer(AbstractSummarizer):  # type: ignore[misc]
    """Position prior + directed centrality + title overlap, selected with MMR; see the module docstring."""

    def __init__(
        self,
        stemmer: Stemmer | None,
        stop_words: frozenset[str],
        params: KeyPointParams | None = None,
    ) -> None:
        super().__init__(stemmer or null_stemmer)
        self.stop_words = stop_words
        self.params = params or KeyPointParams()

    def __call__(
        self, document: ObjectDocumentModel, sentences_count: int, title: str | None = None
    ) -> tuple[Sentence, ...]:
        sentences = [s for s in document.sentences if not s.is_heading][:MAX_CANDIDATES]
        if not sentences:
            return ()
        chosen = self.select(
            [str(s) for s in sentences], [s.words for s in sentences], sentences_count, title
        )
        return tuple(sentences[i] for i in chosen)

    def _terms(self, words: Sequence[str]) -> list[str]:
        return [self.stem_word(w) for w in words if len(w) > 1 and w.lower() not in self.stop_words]

    def select(
        self, texts: Sequence[str], words: Sequence[Sequence[str]], count: int, title: str | None
    ) -> list[int]:
        """Indices of the chosen sentences, in article order."""
        p = self.params
        n = len(texts)
        terms = [self._terms(w) for w in words]
        if not self.stop_words:
            terms = _drop_document_stop_words(terms)
        vocab: dict[str, int] = {}
        for ts in terms:
            for t in ts:
                vocab.setdefault(t, len(vocab))
        if not vocab:
            return list(range(min(count, n)))
        tf = np.zeros((n, len(vocab)), dtype=np.float64)
        for i, ts in enumerate(terms):
            for t, c in Counter(ts).items():
                tf[i, vocab[t]] = 1.0 + np.log(c)
        df = (tf > 0).sum(axis=0)
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        x = tf * idf
        x = _normalize_rows(x)
        sim = x @ x.T
        np.fill_diagonal(sim, 0.0)

        # Directed centrality (PacSum): edges above a threshold, weighted by direction.
        off = sim[~np.eye(n, dtype=bool)] if n > 1 else np.zeros(1)
        lo, hi = float(off.min()), float(off.max())
        edges = np.clip(sim - (lo + p.edge_threshold * (hi - lo)), 0.0, None)
        upper = np.triu(edges, 1).sum(axis=1)  # similarity to later sentences
        lower = np.tril(edges, -1).sum(axis=1)  # similarity to earlier sentences
        centrality = p.forward_weight * upper + p.backward_weight * lower
        if centrality.max() > 0:
            centrality = centrality / centrality.max()

        title_score = np.zeros(n)
        if title:
            title_terms = Counter(self._terms(_WORD.findall(title)))
            tv = np.zeros(len(vocab))
            for t, c in title_terms.items():
                if t in vocab:
                    tv[vocab[t]] = (1.0 + np.log(c)) * idf[vocab[t]]
            if tv.any():
                title_score = x @ (tv / np.linalg.norm(tv))

        # The position prior counts from where the story starts: leading chatter or a promo header that nothing
        # else in the text echoes is skipped rather than rewarded for coming first.
        relevance = centrality + title_score
        start = 0
        if relevance.max() > 0:
            relevant = np.nonzero(relevance >= p.story_start_threshold * relevance.max())[0]
            start = int(relevant[0]) if relevant.size else 0
        offset = np.arange(n) - start
        position = np.where(offset >= 0, np.exp(-np.maximum(offset, 0) / max(p.position_decay, 1e-6)), 0.0)

        lengths = np.array([len(w) for w in words], dtype=np.float64)
        length_factor = np.minimum(1.0, lengths / p.min_words) ** 2
        length_factor *= np.where(
            lengths > p.ideal_max_words, p.ideal_max_words / np.maximum(lengths, 1), 1.0
        )
        junk = np.array([0.2 if _JUNK_SENTENCE.search(t) else 1.0 for t in texts])
        junk *= np.array([1.0 - p.opener_penalty if _OPENER.match(t) else 1.0 for t in texts])

        score = (
            (p.position_weight * position + p.centrality_weight * centrality + p.title_weight * title_score)
            * length_factor
            * junk
        )

        chosen: list[int] = []
        available = set(range(n))
        while available and len(chosen) < count:
            best, best_value = -1, -np.inf
            for i in available:
                redundancy = max((sim[i, j] for j in chosen), default=0.0)
                if redundancy >= p.duplicate_similarity:
                    continue
                value = score[i] - p.redundancy * redundancy
                if value > best_value:
                    best, best_value = i, value
            if best < 0:
                break
            chosen.append(best)
            available.discard(best)
        return sorted(chosen)


def _normalize_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalized: np.ndarray = x / norms
    return normalized


def _drop_document_stop_words(terms: list[list[str]]) -> list[list[str]]:
    """Language-neutral fallback: words in over 30% of sentences behave as stop words."""
    if len(terms) < 8:
        return terms
    df = Counter(t for ts in terms for t in set(ts))
    frequent = {t for t, c in df.items() if c / len(terms) > 0.3}
    return [[t for t in ts if t not in frequent] for ts in terms]


def trim_point(sentence: str, limit: int = MAX_POINT_CHARS) -> str:
    """A very long sentence is cut at a clause boundary and marked with "…"."""
    sentence = _DATELINE.sub("", sentence.strip())
    if len(sentence) <= limit:
        return sentence
    head = sentence[: limit - 1]
    cut = max(head.rfind(sep) for sep in (", ", "; ", " — ", " – ", " - ", ": "))
    if cut < limit * 0.4:
        cut = head.rfind(" ")
    return sentence[:cut].rstrip(" ,;:—–-") + "…"


SUMY_METHODS = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
}
METHODS = ("keypoints", "lead", *SUMY_METHODS)


def key_points(
    text: str,
    support: LanguageSupport,
    count: int = 4,
    *,
    title: str | None = None,
    method: str = "keypoints",
    params: KeyPointParams | None = None,
) -> list[str]:
    """The `count` key points of `text`, in article order, each a whole (possibly trimmed) sentence."""
    document = parse(text, support)
    stemmer = stemmer_for(support)
    stop_words = stop_words_for(support)
    if method == "keypoints":
        chosen: Sequence[Sentence] = KeyPointSummarizer(stemmer, stop_words, params)(document, count, title)
    elif method == "lead":
        chosen = [s for s in document.sentences if not s.is_heading][:count]
    elif method in SUMY_METHODS:
        summarizer = SUMY_METHODS[method](stemmer or null_stemmer)
        summarizer.stop_words = stop_words
        chosen = summarizer(document, count)
    else:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    return [trim_point(str(s)) for s in chosen]
