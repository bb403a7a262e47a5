"""KeyPointSummarizer: our sumy summarizer (see the package docstring for what it does).

It reads the text (analysis.py, one step a function), scores the candidates with the trained ranker
(ranker.py), and lets the word model (wordmodel.py) choose the set of points; without a model, or where the
word model should not choose, it picks by MMR. A caller may veto chosen sentences (a broken one, parsing.py):
they are set aside and the set is chosen again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.nlp.stemmers import null_stemmer
from sumy.summarizers._summarizer import AbstractSummarizer

from bot.pipeline.summarize.analysis import (
    centroid_similarity,
    directed_centrality,
    drop_document_stop_words,
    feature_matrix,
    hand_made_prior,
    lede_trust,
    length_columns,
    length_factor,
    order_evidence,
    position_columns,
    position_prior,
    story_start_index,
    term_space,
    title_overlap,
)
from bot.pipeline.summarize.candidates import candidates
from bot.pipeline.summarize.features import Analysis, junk_flags, opener_flags, story_start, style_columns
from bot.pipeline.summarize.params import KeyPointParams
from bot.pipeline.summarize.points import trim_point
from bot.pipeline.summarize.ranker import LinearModel
from bot.pipeline.summarize.vectors import percentile
from bot.pipeline.summarize.wordmodel import (
    WordInputs,
    WordTable,
    WordValue,
    point_tokens,
    stop_tokens,
    word_table,
)
from bot.pipeline.text import LETTER_WORD

_REJECT_ROUNDS = 3  # choices made again after a veto; a text of broken sentences keeps what it has


@dataclass(frozen=True)
class Points:
    """The chosen sentences, in article order, and what words are worth to a summary of the story (None
    without the word model)."""

    sentences: tuple[Sentence, ...]
    value: WordValue | None


class KeyPointSummarizer(AbstractSummarizer):  # type: ignore[misc]
    """Position prior + directed centrality + title overlap, selected with MMR; see the package docstring."""

    def __init__(
        self,
        stemmer: Callable[[str], str] | None,
        stop_words: frozenset[str],
        params: KeyPointParams | None = None,
        model: LinearModel | None = None,
    ) -> None:
        super().__init__(stemmer or null_stemmer)
        self.stop_words = stop_words
        self.model = model
        self.params = params or (model.params if model is not None else KeyPointParams())

    def stem_word(self, word: str) -> str:
        stem: str = self._stemmer(word.lower())  # stemmer_for's stemmer remembers the words it has stemmed
        return stem

    def __call__(
        self,
        document: ObjectDocumentModel,
        sentences_count: int,
        title: str | None = None,
        reject: Callable[[list[str]], list[bool]] | None = None,
    ) -> tuple[Sentence, ...]:
        """The chosen sentences, in article order. `reject` may veto chosen ones (a sentence the parse finds
        broken): they are set aside and the choice is made again, a few times at most."""
        return self.points(document, sentences_count, title, reject).sentences

    def points(
        self,
        document: ObjectDocumentModel,
        count: int,
        title: str | None = None,
        reject: Callable[[list[str]], list[bool]] | None = None,
    ) -> Points:
        """The chosen sentences (as __call__), and what words are worth to a summary of this story."""
        sentences, eligible = candidates(document, count, title)
        texts, words = [str(s) for s in sentences], [s.words for s in sentences]
        if not texts:
            return Points((), None)
        analysis, inputs, table = self._read(texts, words, title)
        chosen = self._select(analysis, inputs, table, count, eligible, texts, reject)
        value = None
        if table is not None and self.model is not None and self.model.words is not None:
            model = self.model.words
            rates = model.rates(table, self.model.in_order(analysis))
            value = WordValue(
                dict(zip(table.types, rates.tolist(), strict=True)), self.stem_word, model.point_length
            )
        return Points(tuple(sentences[i] for i in chosen), value)

    def _choose_again(
        self,
        analysis: Analysis,
        inputs: WordInputs | None,
        count: int,
        table: WordTable | None,
        eligible: np.ndarray,
        chosen: list[int],
        texts: Sequence[str],
        reject: Callable[[list[str]], list[bool]],
    ) -> list[int]:
        """The choice without the sentences `reject` vetoes, made again a few times at most. A short text that
        runs out of whole sentences gets fewer points, never a broken one; a text whose sentences are all broken
        keeps what it has."""
        first = chosen
        for _ in range(_REJECT_ROUNDS):
            vetoed = [i for i, bad in zip(chosen, reject([texts[i] for i in chosen]), strict=True) if bad]
            if not vetoed:
                break
            left = int(eligible.sum()) - len(vetoed)
            if left < 1:
                return first  # every sentence left is broken: the first choice, as it was
            eligible = eligible.copy()
            eligible[vetoed] = False
            chosen = self.choose(analysis, inputs, min(count, left), table, eligible)
        return chosen

    def _terms(self, words: Sequence[str]) -> list[str]:
        return [self.stem_word(w) for w in words if len(w) > 1 and w.lower() not in self.stop_words]

    def _sentence_terms(self, words: Sequence[Sequence[str]]) -> list[list[str]]:
        terms = [self._terms(w) for w in words]
        if not self.stop_words:
            terms = drop_document_stop_words(terms)
        return terms

    def _title_terms(self, title: str | None) -> Counter[str] | None:
        return Counter(self._terms(LETTER_WORD.findall(title))) if title else None

    def analyse(self, texts: Sequence[str], words: Sequence[Sequence[str]], title: str | None) -> Analysis:
        """Sentence similarities and the feature matrix (one row a sentence, columns named by FEATURES)."""
        p = self.params
        n = len(texts)
        space = term_space(self._sentence_terms(words))
        centrality = directed_centrality(space.sim, p)
        centroid = centroid_similarity(space)
        title_score, title_recall = title_overlap(space, self._title_terms(title))
        start = story_start_index(centrality.weighted + title_score, p.story_start_threshold)
        offset, position = position_prior(n, start, p.position_decay)
        lengths = np.array([len(w) for w in words], dtype=np.float64)
        junk, opener = junk_flags(texts), opener_flags(texts)
        prior = hand_made_prior(
            p, position, centrality.weighted, title_score, length_factor(lengths, p), junk, opener
        )
        content = percentile(title_score + centroid + centrality.degree)
        trust = lede_trust(content, start)
        columns = {
            "prior": prior,
            **position_columns(offset, position, trust, n),
            "forward": centrality.forward,
            "backward": centrality.backward,
            "degree": centrality.degree,
            "centroid": centroid,
            "title": title_score,
            "title_recall": title_recall,
            "content_rank": content,
            **length_columns(lengths, p.min_words),
            "junk": junk,
            "opener": opener,
            **style_columns(texts, words),
        }
        features = feature_matrix(columns, n)
        order = order_evidence(space.sim, start, trust, content, title_score)
        return Analysis(sim=space.sim, features=features, prior=prior, order=order)

    def select(
        self,
        texts: Sequence[str],
        words: Sequence[Sequence[str]],
        count: int,
        title: str | None,
        eligible: np.ndarray | None = None,
        reject: Callable[[list[str]], list[bool]] | None = None,
    ) -> list[int]:
        """Indices of the chosen sentences, in article order; only `eligible` ones (default: all) are chosen, and
        those `reject` vetoes are set aside and the choice made again (_choose_again)."""
        if not texts:
            return []
        analysis, inputs, table = self._read(texts, words, title)
        return self._select(analysis, inputs, table, count, eligible, texts, reject)

    def _read(
        self, texts: Sequence[str], words: Sequence[Sequence[str]], title: str | None
    ) -> tuple[Analysis, WordInputs | None, WordTable | None]:
        """The analysis, and the word model's inputs and table (None without a word model)."""
        analysis = self.analyse(texts, words, title)
        inputs = self.word_inputs(texts, words, title) if self.model and self.model.words else None
        table = word_table(inputs, story_start(analysis)) if inputs is not None else None
        return analysis, inputs, table

    def _select(
        self,
        analysis: Analysis,
        inputs: WordInputs | None,
        table: WordTable | None,
        count: int,
        eligible: np.ndarray | None,
        texts: Sequence[str],
        reject: Callable[[list[str]], list[bool]] | None,
    ) -> list[int]:
        if eligible is None:
            eligible = np.ones(len(texts), dtype=bool)
        chosen = self.choose(analysis, inputs, count, table, eligible)
        if reject is not None:
            chosen = self._choose_again(analysis, inputs, count, table, eligible, chosen, texts, reject)
        return chosen

    def word_inputs(
        self, texts: Sequence[str], words: Sequence[Sequence[str]], title: str | None
    ) -> WordInputs:
        stem = self.stem_word
        capitals = {t for ws in words for w in ws[1:] if w[:1].isupper() for t in point_tokens(w, stem)}
        return WordInputs(
            tokens=[point_tokens(trim_point(t), stem) for t in texts],
            title=frozenset(point_tokens(title or "", stem)),
            capitals=frozenset(capitals),
            stop=stop_tokens(self.stop_words, self._stemmer),
        )

    def choose(
        self,
        analysis: Analysis,
        inputs: WordInputs | None,
        count: int,
        table: WordTable | None = None,
        eligible: np.ndarray | None = None,
    ) -> list[int]:
        """The ranker's scores, then (if the model has one) the word model's best set; else MMR.

        `table` is word_table(inputs, story start), passed in by the trainer that reuses it.
        """
        if eligible is None:
            eligible = np.ones(len(analysis.sim), dtype=bool)
        if self.model is None:
            return self.pick(analysis.prior, analysis.sim, count, eligible)
        score = self.model.score(analysis)
        words = self.model.words
        if words is not None and inputs is not None:
            if table is None:
                table = word_table(inputs, story_start(analysis))
            chosen = words.choose(
                table,
                inputs,
                self.model.in_order(analysis),
                score,
                analysis.sim,
                count,
                self.params.duplicate_similarity,
                eligible,
            )
            if chosen is not None:
                return chosen
        return self.pick(score, analysis.sim, count, eligible)

    def pick(self, score: np.ndarray, sim: np.ndarray, count: int, eligible: np.ndarray) -> list[int]:
        """MMR: the best-scoring sentence not too like the ones already chosen, until `count` are chosen."""
        p = self.params
        chosen: list[int] = []
        redundancy = np.zeros(len(score))  # each sentence's highest similarity to a chosen one
        open_ = eligible.copy()
        for _ in range(min(count, len(score))):
            value = np.where(
                open_ & (redundancy < p.duplicate_similarity), score - p.redundancy * redundancy, -np.inf
            )
            best = int(np.argmax(value))
            if not np.isfinite(value[best]):
                break
            chosen.append(best)
            open_[best] = False
            redundancy = np.maximum(redundancy, sim[best])
        return sorted(chosen)
