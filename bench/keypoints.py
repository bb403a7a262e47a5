"""Key-point quality on CNN/DailyMail: ROUGE-1/2/Lsum F1 of 3 points beside Lead-3 and sumy's methods.

    python -m bench.keypoints --data ../shared/data/cnndm-frank250 [--methods keypoints,lead,lexrank]
                              [--headlines both|with|without] [--points 3,5,8] [--robustness]

Scores use rouge-score with stemming; ROUGE-Lsum gets one sentence a line on both sides. The article set is split
into two fixed halves by id (even / odd position in id order): parameters are tuned on "tune" only
(bench/tune_keypoints.py), and "test" is reported beside it so over-fitting shows. Each method runs with the
article's headline and without it (pasted text often has none; Lead-3 never reads it). Beside ROUGE, the words
used: a summary's mean words, its share of Lead-3's words on the same articles, and the median words of a point.

`--points` gives a table for each count asked for (the lead then takes as many sentences: Lead-5, Lead-8). More
points should tell more of the story, not the next sentences of the lead, so each table also gives ROUGE-1
recall and "past the lead": the share of points that are not among the first N sentences Lead-N would show.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

from bot.pipeline.clean import clean_text
from bot.pipeline.lang import support_for
from bot.pipeline.summarize import KeyPointParams, key_points

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "cnndm-frank250"
# One shuffle is one draw of the article order; the mean of a few is the measure. Seeds 1 and 2 shuffle the tune
# half for training (bench/train_keypoints.py), so they are not among these.
SHUFFLE_SEEDS = (0, 3, 4)
_WORD = re.compile(r"\w+")
_SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
# Neutral filler for the robustness run: invented chatter that a forwarded post might start with.
CHATTER = (
    "Good morning everyone, and thanks for all the messages this week. "
    "We are sharing a story that caught our attention today, so grab a coffee and read on. "
    "Remember to tell your friends about this channel if you enjoy the posts."
)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    article: str
    reference: list[str]
    lines: tuple[str, ...] = ()


def load(data: Path) -> list[Item]:
    path = data / "cnndm_test_frank250.jsonl" if data.is_dir() else data
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        ref = [s.strip() for s in re.split(r"(?<= \.)\s+", row["reference"]) if s.strip()]
        lines = tuple(row["article_lines"]) if isinstance(row.get("article_lines"), list) else ()
        items.append(Item(row["id"], row.get("title", ""), row["article"], ref, lines))
    return sorted(items, key=lambda it: it.id)


def halves(items: Sequence[Item]) -> dict[str, list[Item]]:
    return {"all": list(items), "tune": list(items[0::2]), "test": list(items[1::2])}


def perturb(item: Item, how: str, seed: int = 0) -> Item:
    """The article with its first paragraph replaced by chatter, or its paragraphs shuffled.

    Paragraphs are the data's own `article_lines` (the source repository's lines; nearly all one sentence), so
    no grouping of ours decides how much of the lede a perturbation removes.
    """
    paragraphs = list(item.lines) or re.split(r"(?<=[.!?])\s+(?=[A-Z‘'\"“])", item.article)
    if how == "chatter":
        paragraphs = [CHATTER, *paragraphs[1:]]
    elif how == "shuffle":
        random.Random(f"{seed}-{item.id}").shuffle(paragraphs)
    return Item(item.id, item.title, "\n\n".join(paragraphs), item.reference, tuple(paragraphs))


def score(summary: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
    return scores(summary, reference)[:3]


def scores(summary: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float, float]:
    """ROUGE-1/2/Lsum F1 and ROUGE-1 recall."""
    s = _SCORER.score("\n".join(reference), "\n".join(summary))
    return s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeLsum"].fmeasure, s["rouge1"].recall


Summarize = Callable[[Item], list[str]]


def method(
    name: str, params: KeyPointParams | None = None, count: int = 3, *, headline: bool = True
) -> Summarize:
    support = support_for("en")

    def run(item: Item) -> list[str]:
        text = clean_text(item.article)
        title = (item.title or None) if headline else None
        return key_points(text, support, count, title=title, method=name, params=params)

    return run


def words(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Row:
    """One article's summary, scored: ROUGE-1/2/Lsum F1, its words, each point's words, milliseconds, ROUGE-1
    recall, and the points themselves."""

    rouge: tuple[float, float, float]
    words: int
    point_words: tuple[int, ...]
    ms: float
    recall: float = 0.0
    points: tuple[str, ...] = ()


def run_rows(fn: Summarize, items: Sequence[Item]) -> list[Row]:
    rows = []
    for it in items:
        t0 = time.perf_counter()
        summary = fn(it)
        ms = (time.perf_counter() - t0) * 1000
        point_words = tuple(words(p) for p in summary)
        r1, r2, rl, recall = scores(summary, it.reference)
        rows.append(Row((r1, r2, rl), sum(point_words), point_words, ms, recall, tuple(summary)))
    return rows


def past_the_lead(rows: Sequence[Row], lead: Sequence[Row]) -> float:
    """The share of points that are not among the sentences the lead shows for the same article (a shortened
    lead sentence, its words in order, is among them)."""
    points = [(p, lr.points) for r, lr in zip(rows, lead, strict=True) for p in r.points]
    return sum(not any(_shortened(p, s) for s in shown) for p, shown in points) / max(1, len(points))


def _shortened(point: str, sentence: str) -> bool:
    """Is the point the sentence, or the sentence with words left out (its words in order)?"""
    words = iter(_WORD.findall(sentence.lower()))
    return all(w in words for w in _WORD.findall(point.lower()))


def evaluate(fn: Summarize, items: Sequence[Item]) -> tuple[float, float, float, float]:
    """Mean ROUGE-1/2/Lsum F1 (×100) and median ms per article."""
    rows = run_rows(fn, items)
    r1, r2, rl = (100 * statistics.mean(r.rouge[k] for r in rows) for k in range(3))
    return r1, r2, rl, statistics.median(r.ms for r in rows)


def table(
    names: Sequence[str], items: Sequence[Item], headlines: Sequence[bool], count: int = 3
) -> Iterator[str]:
    """The main table's lines: each method with and/or without headlines, on all articles and on each half.

    "words" is the mean of a summary's words; "of Lead-N" the summaries' words over Lead-N's on the same
    articles (the lead reads no headline, so it is one figure for both).
    """
    index = {it.id: i for i, it in enumerate(items)}
    sets = halves(items)
    lead = run_rows(method("lead", count=count), items)
    yield (
        "| method | headline | set | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | R-1 recall | words "
        f"| of Lead-{count} | median words a point | past the lead | median ms |"
    )
    yield "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for name in names:
        for headline in headlines if name != "lead" else (False,):
            rows = lead if name == "lead" else run_rows(method(name, count=count, headline=headline), items)
            for set_name, subset in sets.items():
                picked = [rows[index[it.id]] for it in subset]
                leads = [lead[index[it.id]] for it in subset]
                r1, r2, rl = (100 * statistics.mean(r.rouge[k] for r in picked) for k in range(3))
                recall = 100 * statistics.mean(r.recall for r in picked)
                total = sum(r.words for r in picked)
                lead_total = sum(r.words for r in leads)
                per_point = statistics.median(w for r in picked for w in r.point_words)
                ms = statistics.median(r.ms for r in picked)
                past = 100 * past_the_lead(picked, leads)
                yield (
                    f"| {name} | {'with' if headline else 'without'} | {set_name} ({len(subset)}) | {r1:.2f} "
                    f"| {r2:.2f} | {rl:.2f} | {recall:.2f} | {total / len(picked):.1f} "
                    f"| {100 * total / lead_total:.0f}% | {per_point:g} | {past:.0f}% | {ms:.1f} |"
                )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--methods", default="keypoints,lead,lexrank")
    ap.add_argument(
        "--headlines",
        choices=("both", "with", "without"),
        default="both",
        help="give the summarizers each article's headline, or not, or both (default)",
    )
    ap.add_argument("--points", default="3", help="the point counts to measure, comma-separated (3,5,8)")
    ap.add_argument(
        "--robustness", action="store_true", help="also run the chatter-lead and shuffled variants"
    )
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    items = load(args.data)
    names = [m.strip() for m in args.methods.split(",") if m.strip()]
    headlines = {"both": (True, False), "with": (True,), "without": (False,)}[args.headlines]
    for count in (int(n) for n in args.points.split(",")):
        print(
            f"## Key points: ROUGE ×100, {count} points, {len(items)} articles (tune/test = halves by id)\n"
        )
        for line in table(names, items, headlines, count):
            print(line, flush=True)
        print()
    if args.robustness:
        print(
            "\n## Robustness (all articles): first paragraph replaced by chatter / paragraphs shuffled "
            f"(mean of shuffle seeds {', '.join(map(str, SHUFFLE_SEEDS))})\n"
        )
        print("| method | unaltered R1 | chatter R1 | Δ | shuffled R1 | Δ | shuffled R1 by seed |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for name in names:
            fn = method(name)
            base = evaluate(fn, items)[0]
            chat = evaluate(fn, [perturb(it, "chatter") for it in items])[0]
            by_seed = [
                evaluate(fn, [perturb(it, "shuffle", seed) for it in items])[0] for seed in SHUFFLE_SEEDS
            ]
            shuf = statistics.mean(by_seed)
            print(
                f"| {name} | {base:.2f} | {chat:.2f} | {chat - base:+.2f} | {shuf:.2f} | {shuf - base:+.2f} "
                f"| {' / '.join(f'{r:.2f}' for r in by_seed)} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
