"""The text-vs-link rule, link finding and cache-key normalisation."""

from __future__ import annotations

import pytest

from bot.model import Article
from bot.sources.links import SUBSTANTIAL_WORDS, choose_input, find_urls, normalize_url

STORY = (
    "The town council of Millbrook voted seven to two on Wednesday night to rebuild the concrete flood wall "
    "that failed during last autumn's storms. The old wall, built in 1962, cracked in three places when the "
    "river rose almost two metres above its usual level. Water reached about forty homes and the primary "
    "school, which stayed closed for five weeks. The new wall will be one metre higher and will run for 1.4 "
    "kilometres along the east bank. Engineers estimate that it will cost about 11 million euros, of which "
    "the national flood fund will pay a little under half. Two councillors voted against the plan, saying "
    "the town should first study upstream wetlands. Work is expected to start in the spring and take two years."
)


def test_story_fixture_is_substantial() -> None:
    assert len(STORY.split()) >= SUBSTANTIAL_WORDS


def test_a_short_teaser_with_a_link_means_the_link_is_the_story() -> None:
    text = "Big news for Millbrook! https://courier.example/news/flood-wall"
    assert choose_input(text, []) == "https://courier.example/news/flood-wall"


def test_entity_urls_are_preferred_over_the_text() -> None:
    text = "Flood wall vote: read it here"  # a text link whose URL only the entity carries
    assert choose_input(text, ["https://courier.example/a"]) == "https://courier.example/a"


def test_a_full_story_with_its_source_link_is_summarized_as_text() -> None:
    text = f"{STORY}\n\nSource: https://courier.example/news/flood-wall"
    chosen = choose_input(text, [])
    assert isinstance(chosen, Article)
    assert chosen.text == text
    assert chosen.source == "https://courier.example/news/flood-wall"


def test_text_without_links_is_text_however_short() -> None:
    chosen = choose_input("The bakery reopened today.", [])
    assert isinstance(chosen, Article) and chosen.source is None


def test_long_link_lists_do_not_count_as_story_words() -> None:
    links = " ".join(f"https://courier.example/story/{i}-with-many-words-in-the-slug" for i in range(40))
    assert (
        choose_input(f"Morning links: {links}", [])
        == "https://courier.example/story/0-with-many-words-in-the-slug"
    )


def test_find_urls_strips_sentence_punctuation_and_unbalanced_brackets() -> None:
    text = (
        "See https://a.example/x. Also (https://b.example/y), "
        "https://en.example/wiki/Bridge_(engineering) and www.c.example/z!"
    )
    assert find_urls(text) == [
        "https://a.example/x",
        "https://b.example/y",
        "https://en.example/wiki/Bridge_(engineering)",
        "https://www.c.example/z",
    ]


def test_find_urls_keeps_order_and_drops_duplicates() -> None:
    assert find_urls("http://x.example/1 http://y.example/2 http://x.example/1") == [
        "http://x.example/1",
        "http://y.example/2",
    ]


def test_find_urls_ignores_plain_words() -> None:
    assert find_urls("no links here, just www and http talk") == []


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("HTTPS://News.Example.COM/Story", "https://news.example.com/Story"),
        ("https://news.example.com./a#comments", "https://news.example.com/a"),
        ("https://news.example.com:443/a", "https://news.example.com/a"),
        ("http://news.example.com:8080/a", "http://news.example.com:8080/a"),
        ("https://news.example.com", "https://news.example.com/"),
        ("https://x.example/a?utm_source=tg&utm_medium=social&id=7", "https://x.example/a?id=7"),
        ("https://x.example/a?fbclid=abc&gclid=def&msclkid=1", "https://x.example/a"),
        ("https://x.example/a?b=2&a=1", "https://x.example/a?a=1&b=2"),
        ("https://x.example/a?UTM_Campaign=x&page=2", "https://x.example/a?page=2"),
        ("https://bücher.example/a", "https://xn--bcher-kva.example/a"),
    ],
)
def test_normalize_url(url: str, key: str) -> None:
    assert normalize_url(url) == key


def test_normalize_url_makes_tracking_variants_share_a_key() -> None:
    a = normalize_url("https://Courier.example/news/flood-wall?utm_source=telegram#top")
    b = normalize_url("https://courier.example/news/flood-wall?fbclid=XYZ")
    assert a == b == "https://courier.example/news/flood-wall"


@pytest.mark.parametrize(
    "url", ["https://example.com:99999/news", "http://example.com:port/a", "https://example.com:-1/"]
)
def test_a_link_with_a_port_out_of_range_still_has_a_key(url: str) -> None:
    key = normalize_url(url)
    assert key.startswith(url.split("/")[0]) and key != normalize_url("https://example.com/news")
