"""Key points: how many, in which order, no repeats, whole sentences, other languages, and bounded cost."""

from __future__ import annotations

import random
import re

import pytest
from conftest import read_article

from bot.clean import clean_text
from bot.digest import Article, Digest, make_digest, split_title
from bot.lang import detect_language, support_for
from bot.summarize import (
    MAX_CANDIDATES,
    MAX_PARSE_CHARS,
    MAX_POINT_CHARS,
    KeyPointSummarizer,
    key_points,
    parse,
    stemmer_for,
    stop_words_for,
    trim_point,
)

ENGLISH = "en-near-duplicates.txt"


def _body(name: str) -> tuple[str | None, str]:
    return split_title(clean_text(read_article(name)))


def _digest(name: str, points: int = 4) -> Digest:
    return make_digest(Article(text=read_article(name)), points=points)


def _sentences(body: str) -> list[str]:
    return [s for p in body.split("\n\n") for s in re.split(r"(?<=[.!?])\s+", p) if s]


def test_default_is_between_three_and_five_points() -> None:
    assert 3 <= len(_digest(ENGLISH).key_points) <= 5


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_number_of_points_is_configurable(count: int) -> None:
    assert len(_digest(ENGLISH, points=count).key_points) == count


def test_points_are_whole_sentences_of_the_article_in_article_order() -> None:
    _, body = _body(ENGLISH)
    sentences = _sentences(body)
    points = _digest(ENGLISH, points=5).key_points
    indices = [sentences.index(p) for p in points]  # ValueError if a point is not a whole sentence
    assert indices == sorted(indices)


def test_near_duplicate_sentences_give_one_point() -> None:
    points = _digest(ENGLISH, points=5).key_points
    about_closures = [p for p in points if "two hundred schools" in p]
    assert len(about_closures) == 1
    assert len(set(points)) == len(points)


def test_title_is_not_a_key_point() -> None:
    d = _digest(ENGLISH)
    assert d.title == "Storm Closes Schools Across the Northern Valley"
    assert d.title not in d.key_points


def test_long_sentence_is_trimmed_at_a_clause_boundary_with_an_ellipsis() -> None:
    clauses = [
        f"the {w} committee met on the {n} floor of the old town hall"
        for w, n in [
            ("finance", "first"),
            ("housing", "second"),
            ("transport", "third"),
            ("schools", "fourth"),
            ("harbour", "fifth"),
            ("parks", "sixth"),
            ("health", "seventh"),
            ("culture", "eighth"),
        ]
    ]
    sentence = "On Monday " + ", ".join(clauses) + "."
    assert len(sentence) > MAX_POINT_CHARS
    trimmed = trim_point(sentence)
    assert trimmed.endswith("…")
    assert len(trimmed) <= MAX_POINT_CHARS
    assert sentence.startswith(trimmed.removesuffix("…"))
    assert sentence[len(trimmed) - 1 : len(trimmed) + 1] == ", "  # cut where a clause ends


def test_short_sentence_is_not_trimmed() -> None:
    assert trim_point("The ferry left at six.") == "The ferry left at six."


def test_news_agency_dateline_is_dropped_from_a_point() -> None:
    assert trim_point("PORT ELLERY (Reuters) -- The ferry left at six.") == "The ferry left at six."


@pytest.mark.parametrize(
    ("name", "code", "word"),
    [
        ("fr-greve-transports.txt", "fr", "grève"),
        ("de-hochwasser.txt", "de", "Regen"),
        ("es-sequia.txt", "es", "sequía"),
        ("ru-zavod.txt", "ru", "завод"),
    ],
)
def test_other_languages_are_detected_and_summarized_in_their_language(
    name: str, code: str, word: str
) -> None:
    d = _digest(name)
    assert d.language == code
    assert 3 <= len(d.key_points) <= 5
    _, body = _body(name)
    assert all(p in body for p in d.key_points)
    assert word in d.text


@pytest.mark.parametrize(("code", "stemmer"), [("fr", "french"), ("de", "german"), ("es", "spanish")])
def test_languages_with_sumy_support_use_its_stemmer_and_stop_words(code: str, stemmer: str) -> None:
    support = support_for(code)
    assert support.full
    assert support.stemmer == stemmer
    assert stemmer_for(support) is not None
    assert stop_words_for(support)


def test_language_without_sumy_support_falls_back_and_says_so() -> None:
    d = _digest("id-banjir.txt")
    assert d.language == "id"
    assert not support_for("id").full
    assert 3 <= len(d.key_points) <= 5
    assert any("Indonesian" in note for note in d.extra["notes"])


def test_short_text_language_detection_uses_the_default() -> None:
    assert detect_language("Oui.") == ("en", 0.0)


def _big_text(chars: int) -> str:
    """A long invented report: varied sentences, so cleaning keeps them (it drops repeats)."""
    rng = random.Random(7)
    subjects = ["The council", "Mayor Dana Okafor", "The harbour board", "Engineers", "Residents", "Police"]
    verbs = ["approved", "rejected", "delayed", "questioned", "welcomed", "funded", "inspected"]
    objects = [
        "the new bridge",
        "cheaper buses",
        "repairs to the sea wall",
        "a flood study",
        "the school budget",
    ]
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(
            f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} at meeting {rng.randint(1, 10**7)}, "
            f"officials said."
            for _ in range(3)
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def test_megabyte_input_gets_a_digest() -> None:
    d = make_digest(Article(text=_big_text(1_000_000)), points=5)
    assert len(d.key_points) == 5
    assert d.words > 100_000


def test_parser_sees_a_bounded_prefix() -> None:
    document = parse(_big_text(MAX_PARSE_CHARS * 2), support_for("en"))
    assert sum(len(str(s)) + 1 for s in document.sentences) <= MAX_PARSE_CHARS


def test_summarizer_scores_at_most_max_candidates_sentences() -> None:
    support = support_for("en")
    document = parse(_big_text(MAX_CANDIDATES * 300), support)
    assert len(document.sentences) > MAX_CANDIDATES * 2
    summarizer = KeyPointSummarizer(stemmer_for(support), stop_words_for(support))
    chosen = summarizer(document, 5)
    candidates = {id(s) for s in document.sentences[:MAX_CANDIDATES]}
    assert len(chosen) == 5
    assert all(id(s) in candidates for s in chosen)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        key_points("The ferry left at six. It was full.", support_for("en"), method="nope")


@pytest.mark.parametrize("method", ["lead", "lexrank", "textrank", "lsa", "luhn"])
def test_comparison_methods_return_sentences_of_the_text(method: str) -> None:
    _, body = _body(ENGLISH)
    points = key_points(body, support_for("en"), 3, method=method)
    assert len(points) == 3
    assert all(p in body for p in points)
