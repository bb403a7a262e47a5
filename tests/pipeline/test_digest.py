"""The digest: its public JSON shape, the JSON round trip, titles, sources, and refusing input with no story."""

from __future__ import annotations

import json

import pytest
from conftest import read_article

from bot.errors import InputError
from bot.model import Actor, Article, Digest
from bot.pipeline.clean import word_count
from bot.pipeline.digest import (
    MAX_INPUT_CHARS,
    MAX_META_CHARS,
    MAX_POINTS,
    MAX_TITLE_CHARS,
    READ_MAX_CHARS,
    TEASER_NOTE,
    make_digest,
    split_title,
)
from bot.pipeline.lang import support_for
from bot.pipeline.summarize import stop_words_for


@pytest.fixture(scope="module")
def digest() -> Digest:
    return make_digest(Article(text=read_article("en-actors.txt"), source="en-actors.txt"))


def test_json_has_the_documented_public_fields(digest: Digest) -> None:
    data = json.loads(json.dumps(digest.to_json()))
    assert {"title", "source", "language", "key_points", "actors", "text", "words"} <= set(data)
    assert data["title"] == "Estonia and Finland Sign Power Deal as Grid Fears Grow"
    assert data["source"] == "en-actors.txt"
    assert data["language"] == "en"
    assert isinstance(data["words"], int) and data["words"] > 100
    assert all(isinstance(p, str) for p in data["key_points"]) and data["key_points"]
    assert data["text"].startswith("President Marta K. Ilves of Estonia")
    for actor in data["actors"]:
        assert set(actor) == {"name", "kind", "role", "mentions", "aliases"}
        assert actor["kind"] in {"person", "organization", "place"}
        assert isinstance(actor["mentions"], int) and actor["mentions"] >= 1
        assert isinstance(actor["aliases"], list)


def test_json_round_trip_gives_an_equal_digest(digest: Digest) -> None:
    assert Digest.from_json(json.loads(json.dumps(digest.to_json()))) == digest


def test_json_round_trip_keeps_notes_and_optional_fields() -> None:
    d = Digest(
        title=None,
        source="Forwarded from Harbour Wire",
        language="id",
        language_name="Indonesian",
        key_points=("Satu.", "Dua."),
        actors=(Actor("Semarang", "place", None, 2, ("Kota Semarang",)),),
        text="Satu. Dua.",
        words=2,
        actors_note="Named actors are listed for English articles only.",
        author="A. Writer",
        extra={"notes": ["Indonesian is summarized without language-specific stemming and stop words."]},
    )
    assert Digest.from_json(json.loads(json.dumps(d.to_json()))) == d


def test_from_json_ignores_unknown_fields(digest: Digest) -> None:
    data = {**digest.to_json(), "id": 7, "some_future_field": True}
    assert Digest.from_json(data) == digest


@pytest.mark.parametrize(
    "headline",
    ["Ferry Terminal Opens", "«Спартак» обыграл «Зенит» в дерби", '"Ferry Queen" Sails Again'],
)
def test_headline_is_split_from_the_body(headline: str) -> None:
    assert split_title(f"{headline}\n\nThe terminal opened on Friday.") == (
        headline,
        "The terminal opened on Friday.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The terminal opened on Friday.\n\nIt was full.",  # a sentence, not a headline
        "Ferry Terminal Opens",  # nothing after it
        "Opens\n\nThe terminal opened on Friday.",  # one word
    ],
)
def test_no_headline_when_the_first_paragraph_is_not_one(text: str) -> None:
    assert split_title(text) == (None, text)


@pytest.mark.parametrize(
    "lead",
    [
        "Harbour Mayor Ines Dahl (R) is defending the town's new ferry slogan, \u201cWe float, you gloat.\u201d",
        'The council called the plan "a good start."',
        "Dahl named the ferry after her grandmother (who ran the old one.)",
        "\u00abМы справимся\u00bb, \u2014 сказал мэр \u00abпосле шторма.\u00bb",
    ],
)
def test_a_first_sentence_ending_inside_quotes_or_brackets_is_not_a_headline(lead: str) -> None:
    text = f"{lead}\n\nThe ferry sails on Monday."
    assert split_title(text) == (None, text)


def test_given_title_wins_over_the_headline_in_the_text() -> None:
    text = read_article("en-near-duplicates.txt")
    d = make_digest(Article(text=text, title="  Snow   Shuts Valley Schools "), with_actors=False)
    assert d.title == "Snow Shuts Valley Schools"
    assert d.text.startswith("A winter storm closed")


def test_given_title_repeated_as_the_first_line_is_dropped_from_the_body() -> None:
    body = read_article("en-near-duplicates.txt").split("\n\n", 1)[1]
    d = make_digest(Article(text=f"Snow Shuts Valley Schools {body}", title="Snow Shuts Valley Schools"))
    assert d.title == "Snow Shuts Valley Schools"
    assert d.text.startswith("A winter storm closed")


def test_forwarded_header_becomes_the_source() -> None:
    d = make_digest(Article(text=read_article("furniture-everywhere.txt")), with_actors=False)
    assert d.source == "Forwarded from Harbour Wire"
    assert "Forwarded" not in d.text


def test_word_counts_before_and_after_cleaning() -> None:
    d = make_digest(Article(text=read_article("furniture-everywhere.txt")), with_actors=False)
    assert 0 < d.words < d.original_words


def test_points_are_capped() -> None:
    d = make_digest(Article(text=read_article("en-near-duplicates.txt")), points=1000, with_actors=False)
    assert len(d.key_points) <= MAX_POINTS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no text"),
        ("   \n\n\t ", "no text"),
        ("The ferry left at six. It was full.", "too short"),
        ("Related Articles\n\nBack to top button\n\n#news #ferry\n\nt.me/harbourwire", "too short"),
        ("\x00\x01\x02\x03binary\x04\x05" * 200, "binary"),
        ("word " * (MAX_INPUT_CHARS // 5 + 1), "too long"),
    ],
)
def test_input_without_a_story_is_refused_with_a_friendly_message(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        make_digest(Article(text=text))
    assert message in caught.value.user_message
    assert "\n" not in caught.value.user_message


def test_language_note_names_only_what_is_missing() -> None:
    # Indonesian has stop words (spaCy's list) but no stemmer: the note must not claim stop words are missing.
    digest = make_digest(Article(text=read_article("id-banjir.txt")))
    assert digest.language == "id"
    assert digest.extra.get("notes") == ["Indonesian is summarized without language-specific stemming."]


def test_a_paywall_teaser_is_digested_with_a_note_that_it_is_only_the_visible_part() -> None:
    story = (
        "The harbour board agreed on Friday to sell the old ferry terminal to a group of local fishermen. "
        "The board had tried to sell the building twice before, and both buyers withdrew at the last moment. "
        "The fishermen plan to turn it into a market hall with a smokehouse and a small school for net makers."
    )
    teaser = make_digest(Article(text=story, title="Fishermen buy the ferry terminal", teaser=True))
    whole = make_digest(Article(text=story, title="Fishermen buy the ferry terminal"))
    assert teaser.key_points == whole.key_points
    assert teaser.extra["notes"] == [TEASER_NOTE]
    assert "notes" not in whole.extra


@pytest.mark.parametrize(
    "text", ["The harbour board met on Friday.", "港口委员会周五开会讨论了出售旧渡轮码头的报价。"]
)
def test_a_paywall_teaser_too_short_to_digest_is_refused_as_a_paywall(text: str) -> None:
    with pytest.raises(InputError) as caught:
        make_digest(Article(text=text, teaser=True))
    assert "paywall" in caught.value.user_message


def test_russian_gets_stop_words_from_spacy_and_no_language_note() -> None:
    text = read_article("ru-zavod.txt")
    digest = make_digest(Article(text=text))
    assert digest.language == "ru"
    assert "notes" not in digest.extra
    assert {"и", "в", "на", "что"} <= stop_words_for(support_for("ru"))


def test_keyword_stuffed_title_and_byline_are_cut_to_a_readable_length() -> None:
    title = "Ferry strike latest news " * 40
    byline = "By Staff Reporter and Agencies and Wire Services " * 6
    d = make_digest(
        Article(text=read_article("en-actors.txt"), title=title, author=byline, site_name="Harbour Times")
    )
    assert d.title is not None and len(d.title) <= MAX_TITLE_CHARS and d.title.endswith("…")
    assert d.title.startswith("Ferry strike latest news")
    assert d.author is not None and len(d.author) <= MAX_META_CHARS and d.author.endswith("…")
    assert d.site_name == "Harbour Times"  # short metadata is kept whole


def _long_report(paragraphs: int) -> str:
    """An invented council report of many distinct paragraphs: a long document, each line a sentence of its own."""
    towns = ["Port Ellery", "Northfield", "Ashby", "Kerrow", "Millbrook", "Dunmere", "Tolland", "Brackwater"]
    works = ["the harbour wall", "the ferry pier", "the library roof", "the bridge deck", "the school hall"]
    return "Council works report\n\n" + "\n\n".join(
        f"Item {i}: engineers in {towns[i % len(towns)]} inspected {works[i % len(works)]} on day {i} and "
        f"reported {i % 7 + 2} faults, which Mayor Ines Varga said would cost {i * 3 + 11} thousand pounds."
        for i in range(paragraphs)
    )


def test_a_long_document_is_digested_from_its_start_and_counted_whole() -> None:
    text = _long_report(6_000)  # about 1 MB
    assert len(text) > 4 * READ_MAX_CHARS
    whole = make_digest(Article(text=text), points=8)
    start = make_digest(Article(text=text[: READ_MAX_CHARS + 50_000]), points=8)
    # The points come from the first sentences and the actors from the first pages either way.
    assert whole.key_points == start.key_points
    assert whole.actors == start.actors
    # Every paragraph is counted: the part not read in the share of words that cleaning kept of the part read.
    assert abs(whole.words - word_count(text)) <= word_count(text) // 100


@pytest.mark.parametrize("blank", ["\n", "\r\n", " \n", "\t\n", " "])
def test_a_story_after_a_long_run_of_blank_space_is_digested_as_the_story(blank: str) -> None:
    story = read_article("en-actors.txt")
    padded = make_digest(Article(text=blank * (READ_MAX_CHARS + 5_000) + story + blank * 50_000))
    alone = make_digest(Article(text=story))
    assert padded.key_points == alone.key_points
    assert padded.words == alone.words


def test_a_line_pasted_thousands_of_times_is_counted_about_as_cleaning_leaves_it() -> None:
    line = "Engineers in Ashby inspected the harbour wall on Monday and found two cracks in its base."
    story = "\n\n".join(
        [
            "The council of Ashby met on Monday to discuss the harbour wall, which has been closed since May.",
            "Mayor Ines Varga said the repairs would cost about four million pounds and take a year.",
            "The ferry company asked for a temporary pier so that crossings could continue during the work.",
        ]
    )
    text = story + "\n\n" + "\n\n".join([line] * 10_000)  # about 900 KB, nearly all of it one line
    digest = make_digest(Article(text=text))
    # Cleaning keeps one copy of the line in the part read, and the rest is counted in that share: a few hundred
    # words, not the 150,000 written.
    assert digest.words < word_count(text) // 100
