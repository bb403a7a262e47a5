"""Story lines the link path loses: lines plain trafilatura keeps and the true text has, but our final text lacks.

    python -m bench.dropped --data ../shared/data/article-extraction-benchmark [--held-out 20] [--lines]

For every page: plain `trafilatura.extract` (the reference), and our link path as the bot digests a link
(`extract_article`, then `clean_text`). A line of the reference is a *story line* when the true text holds it (90% of
its 4-token shingles, the benchmark's tokens; a line under 4 tokens must be a whole line of the true text). It is
*lost* when our final text holds under half of it. Each lost line is put down to the step after which it went
missing: our extraction (refused as "not an article", trafilatura's precision mode, or the rest of extraction),
then each step of `clean_text` in turn (its `trace`), with the furniture class that matched when the step is
`furniture_lines`. Counts by step are printed for the development pages (all but the last N, in the benchmark's
order) beside the held-out ones (the last N).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.extraction import DEFAULT_DATA, load_pages, plain_trafilatura
from bot.errors import NotAnArticleError
from bot.pipeline.clean import clean_text, furniture_rule, normalize_chars
from bot.sources.extract import _extract, extract_article

GOLD_SHARE = 0.9  # a reference line is in the true text when this share of its shingles is
LOST_SHARE = 0.5  # …and lost when our text holds under this share of them
N = 4
_TOKEN_RE = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


class Holder:
    """What a text holds: its 4-token shingles, its shorter n-grams, and its lines as token tuples."""

    def __init__(self, text: str) -> None:
        tokens = _tokens(text)
        self.grams: dict[int, set[tuple[str, ...]]] = {
            n: {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)} for n in range(1, N + 1)
        }
        self.lines = {tuple(_tokens(line)) for line in text.splitlines()}

    def share(self, tokens: Sequence[str]) -> float:
        """The share of a line's shingles this text holds (a line under 4 tokens: 1.0 or 0.0)."""
        if not tokens:
            return 1.0
        n = min(N, len(tokens))
        grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return sum(g in self.grams[n] for g in grams) / len(grams)

    def has_line(self, tokens: Sequence[str]) -> bool:
        return self.share(tokens) >= GOLD_SHARE if len(tokens) >= N else tuple(tokens) in self.lines


@dataclass
class Lost:
    page_id: str
    held_out: bool
    step: str
    line: str
    tokens: int


def _furniture_class(line_tokens: Sequence[str], before: str, after: Holder) -> str:
    """The class of the dropped line of `before` that held most of the lost story line."""
    best, best_share = "furniture_lines:?", 0.0
    for raw in before.split("\n"):
        raw_tokens = _tokens(raw)
        if not raw_tokens or after.share(raw_tokens) >= LOST_SHARE:
            continue  # not dropped
        rule = furniture_rule(raw)
        if rule is None:
            continue
        share = Holder(raw).share(line_tokens)
        if share > best_share:
            best, best_share = f"furniture_lines:{rule}", share
    return best


def lost_lines(page_id: str, html: bytes, truth: str, url: str, held_out: bool) -> list[Lost]:
    gold = Holder(truth)
    reference = [line.strip() for line in plain_trafilatura(html, url).splitlines() if line.strip()]
    story = [(line, _tokens(normalize_chars(line))) for line in reference]
    story = [(line, toks) for line, toks in story if toks and gold.has_line(toks)]
    if not story:
        return []
    snapshots: list[tuple[str, str]] = []
    try:
        raw = extract_article(html, url or None).text
    except NotAnArticleError:
        return [Lost(page_id, held_out, "extraction:refused", line, len(t)) for line, t in story]
    snapshots.append(("extraction", raw))
    clean_text(raw, trace=lambda step, text: snapshots.append((step, text)))
    holders = [Holder(text) for _, text in snapshots]
    final = holders[-1]
    out: list[Lost] = []
    for line, toks in story:
        if final.share(toks) >= LOST_SHARE:
            continue
        step = snapshots[-1][0]
        for i, holder in enumerate(holders):
            if holder.share(toks) < LOST_SHARE:
                step = snapshots[i][0]
                if step == "furniture_lines":
                    step = _furniture_class(toks, snapshots[i - 1][1], holder)
                break
        if step == "extraction":
            loose = _extract(html, url or None, precise=False)
            loose_text = loose.text if loose is not None and loose.text else ""
            in_loose = Holder(normalize_chars(loose_text)).share(toks) >= LOST_SHARE
            step = "extraction:favor_precision" if in_loose else "extraction:other"
        out.append(Lost(page_id, held_out, step, line, len(toks)))
    return out


def report(lost: list[Lost], pages: tuple[int, int], show_lines: bool) -> str:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for item in lost:
        row = rows[item.step]
        row[2 if item.held_out else 0] += 1
        row[3 if item.held_out else 1] += item.tokens
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    out = [
        f"Story lines plain trafilatura keeps and our link path loses: dev {pages[0]} pages, held-out {pages[1]}",
        "",
        "| step / rule | dev lines | dev tokens | held-out lines | held-out tokens |",
        "|---|---:|---:|---:|---:|",
    ]
    for step, r in sorted(rows.items(), key=lambda kv: (-kv[1][0] - kv[1][2], kv[0])):
        out.append(f"| {step} | {r[0]} | {r[1]} | {r[2]} | {r[3]} |")
    out.append(f"| **all** | {total[0]} | {total[1]} | {total[2]} | {total[3]} |")
    cleaning = [i for i in lost if not i.step.startswith("extraction")]
    out.append(
        f"| **clean_text only** | {sum(not i.held_out for i in cleaning)} | "
        f"{sum(i.tokens for i in cleaning if not i.held_out)} | {sum(i.held_out for i in cleaning)} | "
        f"{sum(i.tokens for i in cleaning if i.held_out)} |"
    )
    if show_lines:
        by_step: dict[str, list[Lost]] = defaultdict(list)
        for item in lost:
            by_step[item.step].append(item)
        for step in sorted(by_step):
            out += ["", f"## {step}"]
            for item in by_step[step]:
                half = "held-out" if item.held_out else "dev"
                out.append(f"- [{half} {item.page_id[:8]}] {item.line[:200]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the article-extraction-benchmark folder"
    )
    parser.add_argument("--held-out", type=int, default=20, help="the last N pages are held out (default 20)")
    parser.add_argument("--lines", action="store_true", help="also print every lost line, by step")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data} (use --data)", file=sys.stderr)
        return 2
    pages = list(load_pages(args.data))
    first_held_out = len(pages) - args.held_out
    lost: list[Lost] = []
    for i, (page_id, html, truth, url) in enumerate(pages):
        lost += lost_lines(page_id, html, truth, url, i >= first_held_out)
    print(report(lost, (first_held_out, len(pages) - first_held_out), args.lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
