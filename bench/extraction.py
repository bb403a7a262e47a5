"""Article extraction benchmark: our extraction + cleaning beside plain trafilatura, on the same pages.

    python -m bench.extraction --data ../shared/data/article-extraction-benchmark [--held-out 20]

The metric is the benchmark authors' (see PROVENANCE.md beside the data): `\\w+` tokens, multisets of 4-token
shingles, per-page TP/FP/FN divided by their sum, precision and recall averaged over pages, F1 of the two
averages. Also: median milliseconds per page, pages whose output contains a boilerplate phrase that the ground
truth does not, and pages our extractor refused as "not an article" (a refusal scores as an empty output).
Both are also scored on the English pages and on the pages in other languages apart (the language of the true
text, by the bot's own detector): cleaning rules read on English pages must not cost the others their story.
The same groups are scored once more with web addresses taken out of all three texts (ours, trafilatura's and
the true text): the bot drops a bare link by design (a digest shows no URL), and a true text that keeps many of
them (a shopping list's short links, a link closing a paragraph) otherwise charges every 4-shingle that spans one
to recall and precision both. That shows what the rest of the cleaning costs; the first tables stay the measure.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from bot.errors import NotAnArticleError
from bot.pipeline.clean import clean_text
from bot.pipeline.lang import detect_language
from bot.sources.extract import extract_article

DEFAULT_DATA = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "article-extraction-benchmark"
)
BOILERPLATE = (
    "subscribe",
    "newsletter",
    "read more",
    "sign up",
    "follow us",
    "all rights reserved",
    "advertisement",
    "click here",
    "share this",
    "related articles",
    "cookie",
    "sign in",
    "log in",
)
_TOKEN = re.compile(r"\w+")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def without_links(text: str) -> str:
    """The text with its web addresses taken out (their words would otherwise be 4-shingles of their own)."""
    return _LINK.sub(" ", text)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass
class Score:
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    boilerplate_pages: int = 0
    refused: int = 0
    millis: list[float] = field(default_factory=list)

    def add(self, predicted: str, truth: str) -> None:
        pred, gold = shingles(predicted), shingles(truth)
        tp = sum((pred & gold).values())
        fp = sum(pred.values()) - tp
        fn = sum(gold.values()) - tp
        total = tp + fp + fn
        if total:
            # Normalised per page, so a long page weighs no more than a short one.
            tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
            if tp_n + fp_n > 0:
                self.precisions.append(tp_n / (tp_n + fp_n))
            if tp_n + fn_n > 0:
                self.recalls.append(tp_n / (tp_n + fn_n))
        low_pred, low_truth = predicted.lower(), truth.lower()
        if any(p in low_pred and p not in low_truth for p in BOILERPLATE):
            self.boilerplate_pages += 1

    def record(self, output: str | None, truth: str, millis: float) -> None:
        """One page of a group: its output (None when refused, scored as empty) and the time it took."""
        self.add(output or "", truth)
        self.refused += output is None
        self.millis.append(millis)

    @property
    def precision(self) -> float:
        return statistics.fmean(self.precisions) if self.precisions else 0.0

    @property
    def recall(self) -> float:
        return statistics.fmean(self.recalls) if self.recalls else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_pages(data: Path) -> Iterator[tuple[str, bytes, str, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        yield page_id, html, truth[page_id]["articleBody"], truth[page_id].get("url") or ""


def ours(html: bytes, url: str) -> str:
    return clean_text(extract_article(html, url or None).text)


def plain_trafilatura(html: bytes, url: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


OURS = "newsbot: extract_article + clean_text"
PLAIN = "trafilatura.extract(include_comments=False)"


ENGLISH, OTHER = "English", "other languages"


@dataclass
class Results:
    """Every score of one run: all pages, the pages newsbot accepts, and each group of pages."""

    scores: dict[str, Score]
    accepted: dict[str, Score]
    refused: list[str]
    halves: dict[str, dict[str, Score]]  # dev / held-out, when asked for
    languages: dict[str, dict[str, Score]]  # English / other languages
    links_aside: dict[str, dict[str, Score]]  # the same languages, web addresses out of every text


def run(data: Path, held_out: int = 0) -> Results:
    """Score both systems on every page, and again on only the pages newsbot accepts (same pages for both);
    also on the English pages and the others apart.

    With `held_out`, also on the development pages (all but the last N in id order) and the held-out ones.
    """
    systems: dict[str, Callable[[bytes, str], str]] = {OURS: ours, PLAIN: plain_trafilatura}
    scores = {name: Score() for name in systems}
    accepted = {name: Score() for name in systems}
    halves = {half: {name: Score() for name in systems} for half in ("dev", "held-out")} if held_out else {}
    languages = {group: {name: Score() for name in systems} for group in (ENGLISH, OTHER)}
    links_aside = {group: {name: Score() for name in systems} for group in (ENGLISH, OTHER)}
    refused_ids: list[str] = []
    pages = list(load_pages(data))
    for i, (page_id, html, truth, url) in enumerate(pages):
        half = halves.get("held-out" if i >= len(pages) - held_out else "dev")
        # No default: a short or unclear true text is not taken for English.
        group_name = ENGLISH if detect_language(truth, default="")[0] == "en" else OTHER
        language = languages[group_name]
        outputs: dict[str, str | None] = {}
        for name, system in systems.items():
            score = scores[name]
            start = time.perf_counter()
            try:
                outputs[name] = system(html, url)
            except NotAnArticleError:
                outputs[name] = None
                score.refused += 1
            score.millis.append((time.perf_counter() - start) * 1000)
            score.add(outputs[name] or "", truth)
            output, millis = outputs[name], score.millis[-1]
            for group in (half, language):
                if group is not None:
                    group[name].record(output, truth, millis)
            links_aside[group_name][name].record(
                None if output is None else without_links(output), without_links(truth), millis
            )
        if outputs[OURS] is None:
            refused_ids.append(page_id)
            continue
        for name, output in outputs.items():
            accepted[name].add(output or "", truth)
            accepted[name].millis.append(0.0)
    return Results(scores, accepted, refused_ids, halves, languages, links_aside)


def table(scores: dict[str, Score], accepted: dict[str, Score], refused: list[str]) -> str:
    pages = len(next(iter(scores.values())).millis)
    kept = pages - len(refused)
    lines = [
        f"Article extraction benchmark, {pages} pages (token 4-shingles, the benchmark's own metric)",
        "",
        "| extractor | pages | precision | recall | F1 | median ms/page | pages with boilerplate | refused |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {pages} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
            f"| {statistics.median(s.millis):.1f} | {s.boilerplate_pages} | {s.refused} |"
        )
    for name, s in accepted.items():
        lines.append(
            f"| {name} | {kept} accepted | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
            f"| | {s.boilerplate_pages} | |"
        )
    lines += [
        "",
        'A refused page (newsbot answers "paywall / not an article") scores as an empty output in the first rows;',
        f"the last rows score both extractors on the same {kept} pages newsbot accepts.",
        f"Boilerplate phrases checked: {', '.join(BOILERPLATE)}.",
    ]
    if refused:
        lines.append("Refused: " + ", ".join(page_id[:12] for page_id in refused))
    return "\n".join(lines)


def halves_table(halves: dict[str, dict[str, Score]]) -> str:
    return groups_table(
        "Development pages beside held-out ones (a refused page scores as empty)", "half", halves
    )


def languages_table(languages: dict[str, dict[str, Score]]) -> str:
    return groups_table(
        "By the language of the true text (a refused page scores as empty)", "pages in", languages
    )


def links_aside_table(groups: dict[str, dict[str, Score]]) -> str:
    return groups_table(
        "By language, web addresses taken out of all three texts (what the cleaning costs but for links)",
        "pages in",
        groups,
    )


def groups_table(title: str, column: str, groups: dict[str, dict[str, Score]]) -> str:
    """Both systems on each group of pages, one row each."""
    lines = [
        title,
        "",
        f"| extractor | {column} | pages | precision | recall | F1 | pages with boilerplate | refused |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for group, scores in groups.items():
        for name, s in scores.items():
            lines.append(
                f"| {name} | {group} | {len(s.millis)} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
                f"| {s.boilerplate_pages} | {s.refused} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the article-extraction-benchmark folder"
    )
    parser.add_argument(
        "--held-out",
        type=int,
        default=0,
        metavar="N",
        help="also score the development pages (all but the last N in id order) beside the last N",
    )
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data} (use --data)", file=sys.stderr)
        return 2
    results = run(args.data, args.held_out)
    print(table(results.scores, results.accepted, results.refused))
    print()
    print(languages_table(results.languages))
    print()
    print(links_aside_table(results.links_aside))
    if results.halves:
        print()
        print(halves_table(results.halves))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
