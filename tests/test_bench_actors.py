"""The actor benchmark's scoring: normalization, matching, duplicates, junk, roles, aggregation.

All data here is invented; nothing needs ../shared or a spaCy model.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.actors import (
    DEFAULT_GOLD,
    WEB_GOLD,
    ArticleScore,
    GoldActor,
    GoldArticle,
    actors_match,
    aggregate,
    baseline_actors,
    halves_table,
    load_articles,
    load_gold,
    normalize_name,
    parse_gold_line,
    roles_agree,
    score_article,
)
from bot.model import Actor


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Marta Quill", "MARTA QUILL"),
        ("the Harbour Guild", "Harbour Guild"),
        ("Harbour Guild's", "Harbour Guild"),
        ("Harbour Guild’s", "Harbour Guild"),  # curly apostrophe
        ("the Wardens'", "Wardens"),
        ("U.S.", "US"),
        ("O'Rourke", "O’Rourke"),
        ("Anne-Lise Varga", "Anne Lise Varga"),
        ("Józef Ślusarz", "Jozef Slusarz"),
        ("Mr Quill", "Quill"),
        ("Dr. Quill", "Quill"),
        ("  Marta   Quill ", "Marta Quill"),
    ],
)
def test_normalize_name_folds_spelling_variants_together(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(("a", "b"), [("Marta Quill", "Quill"), ("Lord Quill", "Quill"), ("Tess", "Tessa")])
def test_normalize_name_keeps_different_names_apart(a: str, b: str) -> None:
    assert normalize_name(a) != normalize_name(b)


def test_normalize_name_never_strips_a_name_down_to_nothing() -> None:
    assert normalize_name("The") == "the"
    assert normalize_name("Mr") == "mr"
    assert normalize_name("...") == ""


QUILL = GoldActor("Marta Quill", "person", ("Quill", "Ms Quill"), "harbour master of Port Ellery")
GUILD = GoldActor("Harbour Guild", "organization", ("the Guild",), None)
VALDORIA = GoldActor("Valdoria", "place", ("Valdorian",), None)


def test_actors_match_on_name_or_any_alias_after_normalization() -> None:
    assert actors_match("QUILL'S", (), QUILL)
    assert actors_match("M. Quill", ("Marta Quill",), QUILL)  # a predicted alias is enough
    assert actors_match("guild", (), GUILD)


def test_actors_match_regardless_of_word_splits() -> None:
    # Title slugs lose punctuation: "O'Rourke" becomes "O Rourke", "U.S." becomes "U S".
    assert actors_match("Dara O Rourke", (), GoldActor("Dara O'Rourke", "person"))
    assert actors_match("U S Mint", (), GoldActor("U.S. Mint", "organization"))
    assert actors_match("J P Okafor", (), GoldActor("JP Okafor", "person"))


def test_actors_do_not_match_on_a_partial_name() -> None:
    assert not actors_match("Marta", (), QUILL)
    assert not actors_match("Harbour Master Quill", (), QUILL)
    assert not actors_match("Harbour", (), GUILD)


def article(*actors: GoldActor, ok_extra: tuple[str, ...] = ()) -> GoldArticle:
    return GoldArticle(id="invented-1", actors=actors, ok_extra=ok_extra)


def shown(*names: str | tuple[str, tuple[str, ...]], role: str | None = None) -> list[Actor]:
    out = []
    for n in names:
        name, aliases = (n, ()) if isinstance(n, str) else n
        out.append(Actor(name=name, kind="person", role=role, aliases=aliases))
    return out


def test_score_counts_correct_missed_duplicate_not_actor_and_junk() -> None:
    gold = article(QUILL, GUILD, VALDORIA, ok_extra=("Pier Street",))
    predicted = shown("Marta Quill", "Harbour Guild", "Ms Quill", "Pier Street", "Tuesday Morning")

    s = score_article(predicted, gold)

    assert (s.shown, s.correct, s.gold, s.found) == (5, 3, 3, 2)
    assert s.missed_names == ["Valdoria"]
    assert (s.duplicated, s.extra_copies) == (1, 1)
    assert s.duplicate_groups == [("Marta Quill", ["Marta Quill", "Ms Quill"])]
    assert (s.not_actor, s.not_actor_names) == (1, ["Pier Street"])
    assert (s.junk, s.junk_names) == (1, ["Tuesday Morning"])


def test_a_clean_list_scores_no_duplicates_and_no_junk() -> None:
    s = score_article(shown("Quill", "the Guild", "Valdorian"), article(QUILL, GUILD, VALDORIA))
    assert (s.correct, s.found, s.duplicated, s.junk, s.not_actor) == (3, 3, 0, 0, 0)


def test_a_name_in_ok_extra_is_a_precision_miss_but_not_junk() -> None:
    gold = article(QUILL, ok_extra=("Pier Street",))
    totals = aggregate([score_article(shown("Quill", "Pier Street"), gold)])
    assert totals.precision == 0.5
    assert totals.junk_rate == 0.0


def test_junk_hint_names_the_gold_actor_inside_a_bad_span() -> None:
    s = score_article(shown("Harbourmaster Marta Quill"), article(QUILL))
    assert s.junk == 1
    assert s.junk_names == ["Harbourmaster Marta Quill [bad span around Marta Quill]"]


def test_only_the_top_actors_are_scored_and_recall_is_capped_at_top() -> None:
    many = tuple(GoldActor(f"Person {c}", "person") for c in "ABCDEFGHIJ")
    predicted = shown(*(f"Person {c}" for c in "ABCDEFGHIJ"))

    s = score_article(predicted, article(*many), top=8)

    assert (s.shown, s.correct, s.found, s.gold, s.gold_capped) == (8, 8, 8, 10, 8)
    totals = aggregate([s])
    assert totals.recall == 1.0
    assert totals.recall_all == 0.8


def test_one_shown_actor_covering_two_gold_actors_is_counted_as_conflated() -> None:
    brother = GoldActor("Tomas Quill", "person", ("Tomas",))
    s = score_article(shown(("Marta Quill", ("Tomas Quill",))), article(QUILL, brother))
    assert s.conflated == 1
    assert s.conflated_names == [("Marta Quill", ["Marta Quill", "Tomas Quill"])]


def test_roles_are_checked_on_the_highest_ranked_copy() -> None:
    predicted = [
        Actor(name="Marta Quill", kind="person", role="Harbour master"),
        Actor(name="Quill", kind="person", role="baker"),
    ]
    s = score_article(predicted, article(QUILL, GUILD))
    assert (s.gold_roles, s.roles_given, s.roles_agreeing) == (1, 1, 1)

    s = score_article(list(reversed(predicted)), article(QUILL, GUILD))
    assert (s.roles_given, s.roles_agreeing) == (1, 0)
    assert s.role_misses == [("Marta Quill", "harbour master of Port Ellery", "baker")]


def test_a_missing_role_counts_against_role_coverage() -> None:
    s = score_article(shown("Marta Quill"), article(QUILL))
    assert (s.gold_roles, s.roles_given) == (1, 0)


@pytest.mark.parametrize(
    ("ours", "gold", "agree"),
    [
        ("Port Ellery's harbour master", "harbour master of Port Ellery", True),
        ("Defenders", "defender", True),
        ("the former chair", "former treasurer", False),  # only stopwords shared
        ("baker", "harbour master", False),
    ],
)
def test_roles_agree_loosely_on_a_shared_content_word(ours: str, gold: str, agree: bool) -> None:
    assert roles_agree(ours, gold) is agree


def test_kind_agrees_only_when_the_first_shown_copy_has_the_gold_kind() -> None:
    # `shown` makes every actor a person: right for Quill, wrong for the Guild.
    s = score_article(shown("Marta Quill", "Harbour Guild"), article(QUILL, GUILD, VALDORIA))

    assert s.kinds_agreeing == 1
    assert s.kind_misses == [("Harbour Guild", "organization", "person")]
    # Of the two found: missed Valdoria is not counted.
    assert aggregate([s]).kind_agree_rate == pytest.approx(0.5)


def test_aggregate_micro_averages_over_articles() -> None:
    first = score_article(shown("Quill", "Nobody Atall"), article(QUILL))  # 1 of 2 correct, 1/1 found
    second = score_article(shown("the Guild"), article(GUILD, VALDORIA))  # 1 of 1 correct, 1/2 found
    empty = score_article(shown("Someone Else"), article())  # an article without actors: 1 junk, no recall

    t = aggregate([first, second, empty])

    assert (t.articles, t.shown, t.correct, t.found, t.gold_capped) == (3, 4, 2, 2, 3)
    assert t.precision == pytest.approx(0.5)
    assert t.recall == pytest.approx(2 / 3)
    assert t.junk_rate == pytest.approx(0.5)
    assert t.found_by_kind == {"person": 1, "organization": 1}
    assert t.gold_by_kind == {"person": 1, "organization": 1, "place": 1}


def test_aggregate_of_nothing_is_all_zero_not_an_error() -> None:
    t = aggregate([])
    assert (t.precision, t.recall, t.junk_rate, t.role_given_rate) == (0.0, 0.0, 0.0, 0.0)


@dataclass
class FakeEnt:
    text: str
    label_: str


@dataclass
class FakeDoc:
    ents: list[FakeEnt]


def test_baseline_keeps_most_frequent_distinct_strings_without_merging() -> None:
    doc = FakeDoc(
        [
            FakeEnt("Valdoria", "GPE"),
            FakeEnt("Marta Quill", "PERSON"),
            FakeEnt("Quill", "PERSON"),
            FakeEnt("Quill", "PERSON"),
            FakeEnt("Tuesday", "DATE"),  # not an actor label
            FakeEnt("Valdorian", "NORP"),
            FakeEnt("Harbour Guild", "ORG"),
        ]
    )
    actors = baseline_actors(doc, top=3)
    assert [(a.name, a.kind, a.mentions) for a in actors] == [
        ("Quill", "person", 2),
        ("Valdoria", "place", 1),  # ties keep first appearance
        ("Marta Quill", "person", 1),
    ]


def test_gold_line_parses_with_optional_fields_missing() -> None:
    line = json.loads('{"id": "x", "actors": [{"name": "Marta Quill", "kind": "person"}]}')
    g = parse_gold_line(line)
    assert g.actors == (GoldActor("Marta Quill", "person", (), None),)
    assert g.ok_extra == ()


@pytest.mark.parametrize("path", [DEFAULT_GOLD, WEB_GOLD], ids=["cnndm", "web"])
def test_shipped_gold_set_is_well_formed_and_unambiguous(path: Path) -> None:
    gold = load_gold(path)
    assert len(gold) == 40
    assert len({g.id for g in gold}) == 40
    for g in gold:
        owner: dict[str, str] = {}
        for a in g.actors:
            assert a.kind in {"person", "organization", "place"}, (g.id, a.name)
            for key in a.keys:
                # A form shared by two gold actors would let one shown actor match both.
                assert owner.setdefault(key, a.name) == a.name, (g.id, key)
        assert g.ok_extra_keys.isdisjoint(owner), g.id


FIXTURE_PAGE = Path(__file__).parent / "fixtures" / "pages" / "article.html"


def test_web_pages_are_read_through_the_bots_own_extraction(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(FIXTURE_PAGE.read_bytes()))
    truth = {
        "p1": {"articleBody": "not what the bot reads", "url": "https://courier.example/news/flood-wall"}
    }
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    article = load_articles(tmp_path, ["p1"])["p1"]
    assert article.title == "River town votes to rebuild its flood wall"
    assert "Priya Raman" in article.text
    assert "Subscribe" not in article.text  # the page's navigation is not part of the article
    assert article.source == "https://courier.example/news/flood-wall"


def test_cnndm_articles_keep_their_slug_title_and_a_missing_id_is_an_error(tmp_path: Path) -> None:
    row = {"id": "a1", "title": "flood wall vote", "article": "Millbrook voted to rebuild its wall."}
    (tmp_path / "cnndm_test_frank250.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    article = load_articles(tmp_path, ["a1"])["a1"]
    assert (article.text, article.title) == (row["article"], row["title"])
    with pytest.raises(SystemExit, match="1 gold ids not found"):
        load_articles(tmp_path, ["a1", "a2"])


def test_halves_table_scores_each_half_of_the_gold_file_apart() -> None:
    good = ArticleScore("a", shown=2, correct=2, gold=2, gold_capped=2, found=2)
    bad = ArticleScore("b", shown=2, correct=0, gold=2, gold_capped=2, found=0, junk=2)
    rows = halves_table([good, good, bad, bad], top=8).splitlines()
    assert rows[2].startswith("| first 2 | 1.000 | 1.000 | 0 | 0.0% |")
    assert rows[3].startswith("| last 2 | 0.000 | 0.000 | 0 | 100.0% |")


def test_also_named_names_that_are_neither_gold_actors_nor_ok_extra_count_as_junk() -> None:
    gold = article(QUILL, GUILD, ok_extra=("Pier Street",))
    s = score_article(shown("Marta Quill"), gold, also_named=["the Guild", "Pier Street", "Tragic"])
    assert (s.also_named, s.also_junk, s.also_junk_names) == (3, 1, ["Tragic"])
    totals = aggregate([s, score_article(shown("Marta Quill"), gold)])
    assert (totals.also_named, totals.also_junk) == (3, 1)
    assert totals.also_junk_rate == pytest.approx(1 / 3)
