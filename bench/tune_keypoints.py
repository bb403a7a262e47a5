"""Choose KeyPointParams on the "tune" half only, then report both halves (honest tuning for issue 5).

    python -m bench.tune_keypoints --data ../shared/data/cnndm-frank250 [--trials 60] [--seed 1]

The objective is the mean of ROUGE-1 on the unaltered, chatter-led and shuffled variants of the tune half, so
the chosen weights must be good news summarizers *and* robust where the lead is not the story. Each document is
parsed once; trials only re-score. The winning parameters are printed for copying into
bot/pipeline/summarize/params.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.keypoints import DEFAULT_DATA, Item, halves, load, perturb, score
from bot.pipeline.clean import clean_text
from bot.pipeline.lang import support_for
from bot.pipeline.summarize import (
    KeyPointParams,
    KeyPointSummarizer,
    candidates,
    parse,
    stemmer_for,
    stop_words_for,
    trim_point,
)

SPACE: dict[str, Sequence[float]] = {
    "position_weight": (0.5, 0.8, 1.0, 1.3, 1.6),
    "position_decay": (2.0, 3.0, 4.0, 6.0, 9.0),
    "centrality_weight": (0.2, 0.4, 0.6, 0.9, 1.2),
    "backward_weight": (-0.5, 0.0, 0.3),
    "edge_threshold": (0.1, 0.25, 0.4),
    "title_weight": (0.2, 0.4, 0.7, 1.0),
    "story_start_threshold": (0.0, 0.1, 0.2, 0.3),
    "opener_penalty": (0.0, 0.2, 0.4, 0.6),
    "redundancy": (0.2, 0.5, 0.8),
}


Prepared = tuple[Item, list[str], list[tuple[str, ...]], np.ndarray]


def prepare(items: Sequence[Item]) -> list[Prepared]:
    support = support_for("en")
    out = []
    for it in items:
        sentences, eligible = candidates(parse(clean_text(it.article), support), 3)
        out.append((it, [str(s) for s in sentences], [s.words for s in sentences], eligible))
    return out


def r1(prepared: Sequence[Prepared], params: KeyPointParams) -> float:
    support = support_for("en")
    summarizer = KeyPointSummarizer(stemmer_for(support), stop_words_for(support), params)
    scores = []
    for it, texts, words, eligible in prepared:
        chosen = summarizer.select(texts, words, 3, it.title or None, eligible)
        scores.append(score([trim_point(texts[i]) for i in chosen], it.reference)[0])
    return 100 * statistics.mean(scores)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--trials", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    sets = halves(load(args.data))
    variants = {
        name: {
            v: prepare(subset if v == "plain" else [perturb(it, v) for it in subset])
            for v in ("plain", "chatter", "shuffle")
        }
        for name, subset in (("tune", sets["tune"]), ("test", sets["test"]))
    }
    rng = random.Random(args.seed)
    best = KeyPointParams()

    def objective(p: KeyPointParams) -> float:
        return statistics.mean(r1(variants["tune"][v], p) for v in ("plain", "chatter", "shuffle"))

    best_value = objective(best)
    print(f"start: {best_value:.2f}", flush=True)
    for trial in range(args.trials):
        # Coordinate-wise random moves from the best so far (cheap and good enough for nine knobs).
        changes: dict[str, Any] = {
            k: rng.choice(v) for k, v in rng.sample(sorted(SPACE.items()), k=rng.choice((1, 2, 3)))
        }
        candidate = dataclasses.replace(best, **changes)
        value = objective(candidate)
        if value > best_value:
            best, best_value = candidate, value
            print(f"trial {trial}: {value:.2f} {changes}", flush=True)
    print("\nchosen:", best)
    print("\n| set | variant | ROUGE-1 (chosen) | ROUGE-1 (defaults) |")
    print("|---|---|---:|---:|")
    for name in ("tune", "test"):
        for v in ("plain", "chatter", "shuffle"):
            print(
                f"| {name} | {v} | {r1(variants[name][v], best):.2f} | {r1(variants[name][v], KeyPointParams()):.2f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
