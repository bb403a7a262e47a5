"""How far shortening by deletion could go: an oracle that sees the reference, beside what the points do.

    python -m bench.deletion --data ../shared/data/cnndm-frank250 [--points 3]

For each article (no headline, as pasted text has none) the oracle takes our points as whole sentences and, on
each one's dependency parse, removes modifiers (an aside, a clause, a phrase, an item of a list: any subtree a
modifier relation hangs from, with its comma), one at a time, the removal that raises ROUGE-1 F1 against the
article's reference most, while one does. A point keeps its main verb and subject (cuts.keeps_a_sentence). The
same oracle on Lead-3 is shown too, and the oracle held to the cuts the points may make (the shipped classes):
the most any judge of those cuts could do. The oracle reads the reference, so no summarizer can reach it: it is
the ceiling for compression of these sentences, and the gap between it and the shipped points is what a judge of
"what matters" would have to close. Tune and test halves as bench.keypoints.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from rouge_score import tokenizers

from bench.keypoints import DEFAULT_DATA, Item, halves, load, method, scores, words
from bot.pipeline.summarize.cuts import _bounded, _span, cuts, keeps_a_sentence, protected, removable, render
from bot.pipeline.summarize.parsing import parse
from bot.pipeline.summarize.relative import LONG_FINDERS

# The relations a modifier hangs from: removing one leaves a sentence, if not always the same claim.
MODIFIERS = frozenset({
    "appos", "relcl", "acl", "advcl", "npadvmod", "prep", "conj", "parataxis", "agent", "nmod",
})  # fmt: skip
_TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=True)


@cache
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKENIZER.tokenize(text))


def rouge1(points: Sequence[str], reference: Counter[str]) -> float:
    """ROUGE-1 F1 as rouge-score counts it (stemmed), against the reference's word counts."""
    counts = Counter(t for p in points for t in _tokens(p))
    overlap = sum((counts & reference).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(counts.values()), overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def removals(doc: Any) -> list[frozenset[int]]:
    """Every removal the oracle may make: the shipped cuts, and each modifier's subtree (with its comma, and a
    list item with its conjunction); never quoted words, a source, half a word or half a bracket."""
    untouchable = protected(doc)
    found = {cut.tokens for cut in cuts(doc)}
    for t in doc:
        if t.dep_ not in MODIFIERS:
            continue
        span = _span(t.subtree)
        first = min(span)
        forms = [span, _bounded(doc, span)]
        if first > 0 and doc[first - 1].text == ",":
            forms.append(span | {first - 1})
        if t.dep_ == "conj":
            k, item = first - 1, set(span)
            while k >= 0 and (doc[k].dep_ == "cc" or doc[k].text == ","):
                item.add(k)
                k -= 1
            forms.append(item)
        found.update(
            tokens
            for form in forms
            if form is not None and (tokens := removable(doc, form, untouchable)) is not None
        )
    return list(found)


def shipped_cuts(doc: Any) -> list[frozenset[int]]:
    """Only the cuts the points may make (cuts.py, and the relative clause a long point gives up), whatever the
    judge: what the oracle reaches with these is the most a better judge of the shipped cuts could do."""
    return list({cut.tokens for cut in cuts(doc, LONG_FINDERS)})  # LONG_FINDERS holds every finder


def oracle(
    points: Sequence[str],
    docs: Sequence[Any],
    reference: Counter[str],
    offer: Callable[[Any], list[frozenset[int]]] = removals,
) -> list[str]:
    """The points with the removals `offer` gives that raise ROUGE-1 F1 against the reference, the best
    first."""
    texts = list(points)
    keeps = [set(range(len(doc))) for doc in docs]
    offered = [offer(doc) for doc in docs]
    best = rouge1(texts, reference)
    while True:
        found: tuple[float, int, set[int], str] | None = None
        for j, doc in enumerate(docs):
            for tokens in offered[j]:
                if not tokens <= keeps[j]:
                    continue
                keep = keeps[j] - tokens
                if not keeps_a_sentence(doc, keep):
                    continue
                text = render(doc, keep)
                f1 = rouge1([*texts[:j], text, *texts[j + 1 :]], reference)
                if f1 > best and (found is None or f1 > found[0]):
                    found = (f1, j, keep, text)
        if found is None:
            return texts
        best, j, keeps[j], texts[j] = found


def _row(name: str, summaries: Sequence[Sequence[str]], items: Sequence[Item], lead_words: int) -> str:
    r1, r2, rl = (
        100 * statistics.mean(scores(s, it.reference)[k] for s, it in zip(summaries, items, strict=True))
        for k in range(3)
    )
    used = sum(words(" ".join(s)) for s in summaries)
    return f"| {name} | {r1:.2f} / {r2:.2f} / {rl:.2f} | {100 * used / max(1, lead_words):.1f}% |"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--points", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    methods = {
        name: method(name, count=args.points, headline=False)
        for name in ("lead", "keypoints-whole", "keypoints")
    }
    for half, items in halves(load(args.data)).items():
        if half == "all":
            continue
        rows = ("oracle", "oracle, shipped cuts only", "lead oracle")
        out: dict[str, list[list[str]]] = {name: [] for name in (*methods, *rows)}
        for it in items:
            reference = Counter(_tokens("\n".join(it.reference)))
            for name, fn in methods.items():
                out[name].append(fn(it))
            for name, base, offer in (
                ("oracle", "keypoints-whole", removals),
                ("oracle, shipped cuts only", "keypoints-whole", shipped_cuts),
                ("lead oracle", "lead", removals),
            ):
                points = out[base][-1]
                docs = parse(points)
                out[name].append(oracle(points, docs, reference, offer) if docs is not None else points)
        lead_words = sum(words(" ".join(s)) for s in out["lead"])
        print(f"## {half} half, {len(items)} articles, {args.points} points, no headline\n")
        print("| summary | ROUGE-1 / ROUGE-2 / ROUGE-Lsum | words of Lead-N |")
        print("|---|---|---:|")
        for name, summaries in out.items():
            print(_row(name, summaries, items, lead_words), flush=True)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
