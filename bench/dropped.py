"""What the link path's cleaning drops of the story: lines plain trafilatura keeps and the true text holds, but our
final text lacks, each put down to the step (and furniture class) that dropped it.

    python -m bench.dropped --data ../shared/data/article-extraction-benchmark [--held-out 20] [--lines]
        [--extraction default]

For every page: plain `trafilatura.extract` (the reference) and our link path as the bot digests a link
(`extract_article`, then `clean_text`). Tokens and 4-token shingles are the benchmark's (see bench/extraction.py),
counted as multisets, so a repeated line is one line per occurrence.

**Lost story lines.** A line of the reference is a story line when it has a letter or a digit and the true text
holds it (90% of its shingles; a line under 4 tokens must be a whole line of the true text). It is lost when our
text holds under half of it. Each lost line is put down to the first step after which it is missing: extraction
(refused as "not an article"; trafilatura's precision mode, when the default mode keeps the line; other), then each
step of `clean_text` (its `trace`), with the furniture class for `furniture_lines`.

**Shingle ledger.** For each step of `clean_text`, and for each furniture class alone (only that class's lines
dropped from the step's input), the shingles it takes out that the true text holds (recall lost) and that it does
not (precision gained).

Both are printed for the development pages (all but the last N in the benchmark's order) beside the held-out ones.
`--extraction default` cleans trafilatura's default mode instead (the link path's fallback): it leaves more
furniture in, so it shows what each rule still earns where the precise extraction has already done the work.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bench.extraction import DEFAULT_DATA, load_pages, plain_trafilatura, shingles
from bot.errors import NotAnArticleError
from bot.pipeline.clean import clean_text, furniture_rule, normalize_chars
from bot.sources.extract import _extract, extract_article

GOLD_SHARE = 0.9  # a reference line is in the true text when this share of its shingles is
LOST_SHARE = 0.5  # …and lost when our text holds under this share of them
N = 4
_TOKEN = re.compile(r"\w+")

Gram = tuple[str, ...]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _grams(tokens: Sequence[str]) -> list[Gram]:
    """A line's 4-token shingles, or its one n-gram when it has n < 4 tokens."""
    n = min(N, len(tokens))
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def _wordy(tokens: Sequence[str]) -> bool:
    """A line with a letter or a digit ("___" and "* * *" are separators in any language)."""
    return any(ch.isalnum() for token in tokens for ch in token)


class Holder:
    """A text as a multiset of its n-grams (n = 1…4); `take` consumes a line's worth of them."""

    def __init__(self, text: str) -> None:
        tokens = _tokens(text)
        self.grams: Counter[Gram] = Counter()
        for n in range(1, N + 1):
            self.grams.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        self.lines = {tuple(_tokens(line)) for line in text.splitlines()}

    def take(self, tokens: Sequence[str]) -> float:
        """The share of the line this text still holds; what it holds is used up."""
        grams = _grams(tokens)
        if not grams:
            return 1.0
        held = 0
        for gram in grams:
            if self.grams[gram] > 0:
                self.grams[gram] -= 1
                held += 1
        return held / len(grams)

    def has_line(self, tokens: Sequence[str]) -> bool:
        if len(tokens) < N:
            return tuple(tokens) in self.lines
        return self.take(tokens) >= GOLD_SHARE


def lost_after(text: str, story: list[list[str]]) -> set[int]:
    """Which story lines (by index) `text` no longer holds, each occurrence counted once."""
    holder = Holder(text)
    return {i for i, tokens in enumerate(story) if holder.take(tokens) < LOST_SHARE}


@dataclass
class Lost:
    page_id: str
    held_out: bool
    step: str
    line: str
    tokens: int


@dataclass
class Ledger:
    """Shingles a step takes out: [dev in truth, dev not in truth, held-out in truth, held-out not in truth]."""

    rows: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))

    def add(self, step: str, before: str, after: str, truth: Counter[Gram], held_out: bool) -> None:
        b, a = shingles(before), shingles(after)
        tp_b, tp_a = sum((b & truth).values()), sum((a & truth).values())
        fp_b, fp_a = b.total() - tp_b, a.total() - tp_a
        row = self.rows[step]
        row[2 if held_out else 0] += tp_b - tp_a
        row[3 if held_out else 1] += fp_b - fp_a


def _furniture_class(tokens: Sequence[str], before: str, after: str) -> str:
    """The class of the line `furniture_lines` dropped that held most of a lost story line."""
    best, best_share = "furniture_lines:?", 0.0
    kept = Counter(line.strip() for line in after.split("\n"))
    for raw in before.split("\n"):
        if kept[raw.strip()] > 0:
            kept[raw.strip()] -= 1
            continue
        rule = furniture_rule(raw)
        if rule is not None and (share := Holder(raw).take(tokens)) > best_share:
            best, best_share = f"furniture_lines:{rule}", share
    return best


def page(
    page_id: str, html: bytes, truth: str, url: str, held_out: bool, ledger: Ledger, *, loose: bool = False
) -> tuple[list[Lost], list[tuple[str, bool, bool, str]]]:
    """One page: its lost story lines, and every line a furniture class drops (class, held out, in truth, line)."""
    raw: str | None
    if loose:
        doc = _extract(html, url or None, precise=False)
        raw = doc.text if doc is not None and doc.text else ""
    else:
        try:
            raw = extract_article(html, url or None).text
        except NotAnArticleError:
            raw = None
    gold_shingles = shingles(truth)

    snapshots: list[tuple[str, str]] = [("extraction", raw or "")]
    clean_text(raw or "", trace=lambda step, text: snapshots.append((step, text)))
    for (_, before), (step, after) in pairwise(snapshots):
        ledger.add(step, before, after, gold_shingles, held_out)
    chars = snapshots[1][1]
    lines = chars.split("\n")
    rules = [furniture_rule(line) for line in lines]
    for rule in sorted({r for r in rules if r is not None}):
        alone = "\n".join(line for line, r in zip(lines, rules, strict=True) if r != rule)
        ledger.add(f"furniture_lines:{rule}", chars, alone, gold_shingles, held_out)

    dropped = []
    for line, cls in zip(lines, rules, strict=True):
        if cls is not None:
            tokens = _tokens(line)
            in_truth = _wordy(tokens) and Holder(truth).has_line(tokens)
            dropped.append((cls, held_out, in_truth, line.strip()))

    gold = Holder(truth)
    reference = [line.strip() for line in plain_trafilatura(html, url).splitlines() if line.strip()]
    story = [(line, _tokens(normalize_chars(line))) for line in reference]
    story = [(line, tokens) for line, tokens in story if _wordy(tokens) and gold.has_line(tokens)]
    token_lists = [tokens for _, tokens in story]
    if raw is None:
        return [Lost(page_id, held_out, "extraction:refused", ln, len(t)) for ln, t in story], dropped
    lost_by_step = [lost_after(text, token_lists) for _, text in snapshots]
    lost: list[Lost] = []
    loose_lost: set[int] | None = None
    for i in sorted(lost_by_step[-1]):
        k = next(k for k, lost_set in enumerate(lost_by_step) if i in lost_set)
        step = snapshots[k][0]
        if step == "furniture_lines":
            step = _furniture_class(token_lists[i], snapshots[k - 1][1], snapshots[k][1])
        elif step == "extraction" and loose:
            step = "extraction:other"
        elif step == "extraction":
            if loose_lost is None:
                default_doc = _extract(html, url or None, precise=False)
                default_text = default_doc.text if default_doc is not None and default_doc.text else ""
                loose_lost = lost_after(normalize_chars(default_text), token_lists)
            step = "extraction:other" if i in loose_lost else "extraction:favor_precision"
        lost.append(Lost(page_id, held_out, step, story[i][0], len(story[i][1])))
    return lost, dropped


def _half(held_out: bool) -> str:
    return "held-out" if held_out else "dev"


def report(
    lost: list[Lost],
    dropped: list[tuple[str, bool, bool, str]],
    ledger: Ledger,
    pages: tuple[int, int],
    path: str = "our link path",
) -> str:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for item in lost:
        row = rows[item.step]
        row[2 if item.held_out else 0] += 1
        row[3 if item.held_out else 1] += item.tokens
    out = [
        f"Story lines plain trafilatura keeps and {path} loses: dev {pages[0]} pages, held-out {pages[1]}",
        "",
        "| step / class | dev lines | dev tokens | held-out lines | held-out tokens |",
        "|---|---:|---:|---:|---:|",
    ]
    for step, r in sorted(rows.items(), key=lambda kv: (-kv[1][0] - kv[1][2], kv[0])):
        out.append(f"| {step} | {r[0]} | {r[1]} | {r[2]} | {r[3]} |")
    for name, keep in (
        ("all", lambda s: True),
        ("clean_text only", lambda s: not s.startswith("extraction")),
    ):
        total = [sum(r[i] for s, r in rows.items() if keep(s)) for i in range(4)]
        out.append(f"| **{name}** | {total[0]} | {total[1]} | {total[2]} | {total[3]} |")

    classes: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for rule, held_out, in_truth, _ in dropped:
        classes[rule][(2 if held_out else 0) + (0 if in_truth else 1)] += 1
    out += [
        "",
        "Shingles each step of clean_text takes out (each furniture class also alone), in the truth or not",
        "",
        "| step / class | dev: in truth | dev: not | held-out: in truth | held-out: not "
        "| lines in truth / not (dev; held-out) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for step, r in ledger.rows.items():
        if any(r) or step in classes:
            c = classes.get(step.removeprefix("furniture_lines:"), [0, 0, 0, 0])
            counts = f"{c[0]} / {c[1]}; {c[2]} / {c[3]}" if ":" in step else ""
            out.append(f"| {step} | {r[0]} | {r[1]} | {r[2]} | {r[3]} | {counts} |")
    return "\n".join(out)


def listing(lost: list[Lost], dropped: list[tuple[str, bool, bool, str]]) -> str:
    by_step: dict[str, list[Lost]] = defaultdict(list)
    for item in lost:
        by_step[item.step].append(item)
    out = ["", "# Lost story lines, by step"]
    for step in sorted(by_step):
        out += ["", f"## {step}"]
        out += [f"- [{_half(i.held_out)} {i.page_id[:8]}] {i.line[:200]}" for i in by_step[step]]
    out += ["", "# Lines each furniture class drops (TRUTH: the true text holds the line)"]
    for rule in sorted({d[0] for d in dropped}):
        out += ["", f"## {rule}"]
        out += [
            f"- [{_half(h)} {'TRUTH' if t else '-'}] {line[:160]}" for r, h, t, line in dropped if r == rule
        ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the article-extraction-benchmark folder"
    )
    parser.add_argument("--held-out", type=int, default=20, help="the last N pages are held out (default 20)")
    parser.add_argument("--lines", action="store_true", help="also print every lost line and dropped line")
    parser.add_argument(
        "--extraction",
        choices=("link", "default"),
        default="link",
        help="clean the link path's text (default), or trafilatura's default mode, which leaves more furniture in "
        "(the link path's fallback; a check that a narrowed rule still takes out what it should)",
    )
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"benchmark data not found at {args.data} (use --data)", file=sys.stderr)
        return 2
    pages = list(load_pages(args.data))
    first_held_out = len(pages) - args.held_out
    lost: list[Lost] = []
    dropped: list[tuple[str, bool, bool, str]] = []
    ledger = Ledger()
    for i, (page_id, html, truth, url) in enumerate(pages):
        page_lost, page_dropped = page(
            page_id, html, truth, url, i >= first_held_out, ledger, loose=args.extraction == "default"
        )
        lost += page_lost
        dropped += page_dropped
    path = "clean_text on trafilatura's default mode" if args.extraction == "default" else "our link path"
    print(report(lost, dropped, ledger, (first_held_out, len(pages) - first_held_out), path))
    if args.lines:
        print(listing(lost, dropped))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
