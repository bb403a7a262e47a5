"""Train the key-point ranker (a linear model over sentence features) on the "tune" half only.

    python -m bench.train_keypoints --data ../shared/data/cnndm-frank250 [--write]

Three parts, all fitted on the tune half: a gate (logistic: is this text in published order? trained on the tune
half as published and chatter-led versus two shuffles with seeds other than the benchmark's), a content scorer
(logistic over non-positional sentence features, labels = greedy ROUGE-oracle sentences of those shuffles) and,
for ordered text, either the hand-made prior or a logistic scorer over all features. The few free settings (which
ordered scorer and its L2, MMR redundancy, the gate's lean towards "in order") are chosen by 5-fold
cross-validation within the tune half: fitted on four fifths of its articles, scored by ROUGE-1 on the fifth left
out. The chosen setting is then refitted on the whole tune half; the test half is only reported.
A second stage fits the word model (Poisson rates of each word's count in the reference: one with where words first
appear, for text in order, one without, for shuffled text) and chooses its settings (candidate pool, the ranker's
weight in the set score, the gate band in which the ranker alone decides) the same way, the ranker refitted inside
each fold. It is kept only if its cross-validated score beats the ranker's.
`--write` stores the chosen weights in bot/data/keypoint-weights.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
from rouge_score import tokenizers

from bench.keypoints import DEFAULT_DATA, Item, halves, load, perturb
from bot.pipeline.clean import clean_text
from bot.pipeline.lang import support_for
from bot.pipeline.summarize import (
    FEATURES,
    MODEL_FILE,
    ORDER_FEATURES,
    POSITION_FEATURES,
    WORD_FEATURES,
    WORD_POSITION_FEATURES,
    Analysis,
    KeyPointParams,
    KeyPointSummarizer,
    LinearModel,
    WordInputs,
    WordModel,
    WordTable,
    candidates,
    parse,
    point_tokens,
    stemmer_for,
    stop_words_for,
    story_start,
    trim_point,
    word_table,
)

_TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=True)
S = TypeVar("S")
VARIANTS = ("plain", "chatter", "shuffle")


@dataclass
class Doc:
    item: Item
    texts: list[str]
    words: list[tuple[str, ...]]
    tokens: list[list[str]]  # rouge-score tokens of each (trimmed) point
    ref_tokens: list[str]
    features: np.ndarray
    sim: np.ndarray
    order: np.ndarray
    inputs: WordInputs
    table: WordTable
    # Each word type's count in the reference (words counted as the runtime counts them), at most 4.
    word_labels: np.ndarray
    eligible: np.ndarray  # the sentences the runtime lets be a point

    def analysis(self) -> Analysis:
        prior = self.features[:, FEATURES.index("prior")]
        return Analysis(sim=self.sim, features=self.features, prior=prior, order=self.order)


def _f(overlap: int, produced: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / produced, overlap / wanted
    return 2 * p * r / (p + r)


def _bigrams(tokens: Sequence[str]) -> Counter[tuple[str, str]]:
    return Counter(itertools.pairwise(tokens))


def rouge12(tokens: Sequence[str], ref: Sequence[str]) -> tuple[float, float]:
    """ROUGE-1/2 F1 exactly as rouge-score computes them on the joined summary (same tokenizer and stemmer)."""
    if not tokens or not ref:
        return 0.0, 0.0
    r1 = _f(sum((Counter(tokens) & Counter(ref)).values()), len(tokens), len(ref))
    b, rb = _bigrams(tokens), _bigrams(ref)
    r2 = _f(sum((b & rb).values()), max(sum(b.values()), 1), max(sum(rb.values()), 1))
    return r1, r2


def prepare(items: Sequence[Item], summarizer: KeyPointSummarizer) -> list[Doc]:
    support = support_for("en")
    docs = []
    for it in items:
        sentences, eligible = candidates(parse(clean_text(it.article), support), 3)
        texts = [str(s) for s in sentences]
        words = [s.words for s in sentences]
        analysis = summarizer.analyse(texts, words, it.title or None)
        inputs = summarizer.word_inputs(texts, words, it.title or None)
        table = word_table(inputs, story_start(analysis))
        reference = Counter(point_tokens(" ".join(it.reference), summarizer.stem_word))
        docs.append(
            Doc(
                it,
                texts,
                words,
                [_TOKENIZER.tokenize(trim_point(t)) for t in texts],
                _TOKENIZER.tokenize("\n".join(it.reference)),
                analysis.features,
                analysis.sim,
                analysis.order,
                inputs,
                table,
                np.array([min(reference[t], 4) for t in table.types], dtype=np.float64),
                eligible,
            )
        )
    return docs


def oracle_labels(doc: Doc, count: int = 3) -> np.ndarray:
    """Greedy ROUGE-1 + ROUGE-2 oracle: add the sentence that helps most until nothing helps."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < count:
        gains = []
        for i in range(len(doc.tokens)):
            if i in chosen:
                continue
            order = sorted([*chosen, i])
            gains.append((sum(rouge12([w for j in order for w in doc.tokens[j]], doc.ref_tokens)), i))
        if not gains:
            break
        value, i = max(gains)
        if value <= best:
            break
        best = value
        chosen.append(i)
    y = np.zeros(len(doc.tokens))
    y[chosen] = 1.0
    return y


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 30) -> np.ndarray:
    """Newton's method on the L2-penalised log loss (few features, so the Hessian is tiny)."""
    mu, sd = x[:, 1:].mean(axis=0), x[:, 1:].std(axis=0) + 1e-9
    z = np.column_stack([np.ones(len(x)), (x[:, 1:] - mu) / sd])
    w = np.zeros(z.shape[1])
    reg = l2 * np.eye(z.shape[1])
    reg[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + reg @ w
        hess = (z * (p * (1 - p))[:, None]).T @ z + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return _unstandardize(w, mu, sd)


def _unstandardize(w: np.ndarray, mu: np.ndarray, sd: np.ndarray) -> np.ndarray:
    raw = np.empty_like(w)
    raw[1:] = w[1:] / sd
    raw[0] = w[0] - float((w[1:] * mu / sd).sum())
    return raw


POSITIONAL = set(POSITION_FEATURES)
CONTENT_COLUMNS = [i for i, name in enumerate(FEATURES) if name not in POSITIONAL]
ORDERED_COLUMNS = [i for i, name in enumerate(FEATURES) if name != "prior"]
FOLDS = 5
DUPLICATE_SIMILARITY = 0.4


@dataclass(frozen=True)
class Setting:
    """The free choices left to cross-validation (few on purpose: each is a chance to over-fit)."""

    ordered_l2: float | None  # L2 of the ordered scorer; None = the hand-made prior ranks ordered text
    redundancy: float  # MMR trade-off
    lean: float  # added to the gate's bias: trust in published order


SETTINGS = [
    Setting(l2, redundancy, lean)
    for l2 in (None, 100.0, 1000.0)
    for redundancy in (1.0, 4.0)
    for lean in (0.0, 1.0)
]


def _fit(docs: Sequence[Doc], columns: list[int], labels: dict[int, np.ndarray], l2: float) -> np.ndarray:
    x = np.vstack([d.features[:, columns] for d in docs])
    return fit_logistic(x, np.concatenate([labels[id(d)] for d in docs]), l2)


def r1_of(docs: Sequence[Doc], model: LinearModel | None) -> float:
    """Mean ROUGE-1 F1 (×100) of 3 points chosen by the model (None: the hand-made prior)."""
    summarizer = KeyPointSummarizer(None, frozenset(), model.params if model else KeyPointParams(), model)
    scores = []
    for d in docs:
        if not d.texts:
            scores.append(0.0)
            continue
        chosen = summarizer.choose(d.analysis(), d.inputs, 3, table=d.table, eligible=d.eligible)
        scores.append(rouge12([w for i in chosen for w in d.tokens[i]], d.ref_tokens)[0])
    return 100 * statistics.mean(scores)


def fit_poisson(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Newton's method on the L2-penalised Poisson log likelihood (log link); column 0 is the bias."""
    w = np.zeros(x.shape[1])
    w[0] = np.log(max(float(y.mean()), 1e-3))
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0
    for _ in range(steps):
        mu = np.exp(np.clip(x @ w, -20.0, 5.0))
        step = np.linalg.solve((x * mu[:, None]).T @ x + reg, x.T @ (mu - y) + reg @ w)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


@dataclass(frozen=True)
class WordSetting:
    """The word model's free choices, also left to cross-validation."""

    pool: int
    ranker_weight: float
    unsure: tuple[float, float]


WORD_SETTINGS = [
    WordSetting(pool, weight, unsure)
    for pool in (8, 10)
    for weight in (0.02, 0.04)
    for unsure in ((0.5, 0.8), (0.6, 0.8), (0.5, 0.9), (0.6, 0.9))
]


def fit_words(order_docs: Sequence[Doc], shuffle_docs: Sequence[Doc], setting: WordSetting) -> WordModel:
    """Word rates for text in order (with where words first appear) and for text that is not (without)."""
    ordered = fit_poisson(
        np.vstack([np.column_stack([d.table.content, d.table.position]) for d in order_docs]),
        np.concatenate([d.word_labels for d in order_docs]),
    )
    content = fit_poisson(
        np.vstack([d.table.content for d in shuffle_docs]),
        np.concatenate([d.word_labels for d in shuffle_docs]),
    )
    point_length = statistics.mean(len(d.ref_tokens) for d in order_docs) / 3
    return WordModel(ordered, content, setting.unsure, setting.pool, setting.ranker_weight, point_length)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--write", action="store_true", help=f"store the chosen model in bot/{MODEL_FILE}")
    ap.add_argument(
        "--swap",
        action="store_true",
        help="diagnostic: run the same procedure with the halves' roles swapped (fit on test, report tune); "
        "with the normal run this gives every article a score from a model that never saw it. Never written.",
    )
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    sets = halves(load(args.data))
    if args.swap:
        if args.write:
            ap.error("--swap is a diagnostic; its model is never written")
        sets["tune"], sets["test"] = sets["test"], sets["tune"]
    support = support_for("en")
    summarizer = KeyPointSummarizer(stemmer_for(support), stop_words_for(support), KeyPointParams())

    def variant(items: Sequence[Item], how: str, seed: int = 0) -> list[Doc]:
        docs = prepare(items if how == "plain" else [perturb(it, how, seed) for it in items], summarizer)
        return [d for d in docs if d.texts]

    # Training texts: the tune half in order (as published, and chatter-led) and shuffled with seeds 1 and 2.
    in_order = [*variant(sets["tune"], "plain"), *variant(sets["tune"], "chatter")]
    shuffled = [*variant(sets["tune"], "shuffle", 1), *variant(sets["tune"], "shuffle", 2)]
    choose = {v: variant(sets["tune"], v) for v in VARIANTS}
    report = {v: variant(sets["test"], v) for v in VARIANTS}
    print(f"prepared {len(in_order)} ordered and {len(shuffled)} shuffled training texts", flush=True)

    labels = {id(d): oracle_labels(d) for d in [*in_order, *shuffled]}
    fold_of = {it.id: k % FOLDS for k, it in enumerate(sets["tune"])}

    def fit(keep: set[str], setting: Setting) -> LinearModel:
        """Gate, content scorer and ordered scorer fitted on the tune articles in `keep` only."""
        order_docs = [d for d in in_order if d.item.id in keep]
        shuffle_docs = [d for d in shuffled if d.item.id in keep]
        # The gate: in published order (1) or not (0), from document-level evidence only.
        gx = np.array([d.order for d in [*order_docs, *shuffle_docs]])
        gy = np.array([1.0] * len(order_docs) + [0.0] * len(shuffle_docs))
        gate = fit_logistic(gx, gy, 1.0)
        # `lean` shifts the gate towards "in order": how much the plain text may lose to help shuffled text.
        gate[ORDER_FEATURES.index("bias")] += setting.lean
        # The content scorer: oracle sentences of shuffled texts from non-positional features.
        content = np.zeros(len(FEATURES))
        content[CONTENT_COLUMNS] = _fit(shuffle_docs, CONTENT_COLUMNS, labels, 30.0)
        # In order: the hand-made prior (l2 None), or a scorer over all features fitted to the oracle sentences.
        ordered = np.zeros(len(FEATURES))
        if setting.ordered_l2 is None:
            ordered[FEATURES.index("prior")] = 1.0
        else:
            ordered[ORDERED_COLUMNS] = _fit(order_docs, ORDERED_COLUMNS, labels, setting.ordered_l2)
        params = dataclasses.replace(
            KeyPointParams(), redundancy=setting.redundancy, duplicate_similarity=DUPLICATE_SIMILARITY
        )
        return LinearModel(ordered, content, gate, 1.0, params)

    def objective(model: LinearModel, docs: dict[str, list[Doc]]) -> tuple[float, list[float]]:
        r1s = [r1_of(docs[v], model) for v in VARIANTS]
        # Plain news counts double: the headline target is there; the perturbations keep it honest.
        return (2 * r1s[0] + r1s[1] + r1s[2]) / 4, r1s

    # Every choice is judged by 5-fold cross-validation within the tune half (folds by article): each setting's
    # models are fitted on four fifths and scored on the fifth they did not see.
    folds = [
        (
            {i for i, f in fold_of.items() if f != k},
            {v: [d for d in choose[v] if fold_of[d.item.id] == k] for v in VARIANTS},
        )
        for k in range(FOLDS)
    ]

    def cross_validate(settings: Sequence[S], make: Callable[[set[str], S], LinearModel]) -> tuple[S, float]:
        """The setting whose models, fitted on four folds, score best on the fifth (mean over the five)."""
        best_value, best = -1.0, settings[0]
        for setting in settings:
            results = [objective(make(keep, setting), held) for keep, held in folds]
            value = statistics.mean(v for v, _ in results)
            r1s = [statistics.mean(r[k] for _, r in results) for k in range(len(VARIANTS))]
            print(f"{setting}: CV {value:.2f} {[f'{r:.2f}' for r in r1s]}", flush=True)
            if value > best_value:
                best_value, best = value, setting
        print(f"\nchosen by 5-fold CV on the tune half: {best}\n", flush=True)
        return best, best_value

    best, best_value = cross_validate(SETTINGS, fit)

    def fit_all(keep: set[str], setting: WordSetting) -> LinearModel:
        words = fit_words(
            [d for d in in_order if d.item.id in keep], [d for d in shuffled if d.item.id in keep], setting
        )
        return dataclasses.replace(fit(keep, best), words=words)

    # Then the word model's settings, the same way (the ranker refitted inside each fold too).
    best_words, best_words_value = cross_validate(WORD_SETTINGS, fit_all)
    if best_words_value > best_value:
        model = fit_all(set(fold_of), best_words)
    else:
        print("the word model does not beat the ranker alone in CV; not used")
        model = fit(set(fold_of), best)
    ranker = fit(set(fold_of), best)
    print("\n| set | variant | ROUGE-1 (model) | ROUGE-1 (ranker alone) | ROUGE-1 (hand-made prior) |")
    print("|---|---|---:|---:|---:|")
    fitted, held_out = ("test", "tune") if args.swap else ("tune", "test")
    for name, docs in ((f"{fitted} (fitted)", choose), (f"{held_out} (held out)", report)):
        for v in VARIANTS:
            print(
                f"| {name} | {v} | {r1_of(docs[v], model):.2f} | {r1_of(docs[v], ranker):.2f} "
                f"| {r1_of(docs[v], None):.2f} |"
            )
    if args.write:
        out = Path(__file__).resolve().parent.parent / "bot" / MODEL_FILE
        defaults = KeyPointParams()
        payload = {
            "trained_by": "bench/train_keypoints.py on the tune half of cnndm-frank250",
            "gate": dict(zip(ORDER_FEATURES, _rounded(model.gate), strict=True)),
            "gate_sharpness": model.gate_sharpness,
            "ordered": {n: w for n, w in zip(FEATURES, _rounded(model.ordered), strict=True) if w},
            "content": {n: w for n, w in zip(FEATURES, _rounded(model.content), strict=True) if w},
            "params": {
                k: v for k, v in dataclasses.asdict(model.params).items() if v != getattr(defaults, k)
            },
        }
        if model.words is not None:
            w = model.words
            payload["words"] = {
                "ordered": dict(
                    zip((*WORD_FEATURES, *WORD_POSITION_FEATURES), _rounded(w.ordered), strict=True)
                ),
                "content": dict(zip(WORD_FEATURES, _rounded(w.content), strict=True)),
                "unsure": list(w.unsure),
                "pool": w.pool,
                "ranker_weight": w.ranker_weight,
                "point_length": round(w.point_length, 3),
            }
        out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {out}")
    return 0


def _rounded(v: np.ndarray) -> list[float]:
    return [round(float(x), 6) for x in v]


if __name__ == "__main__":
    raise SystemExit(main())
