"""Extraction on pages written for these tests: an article, a short brief, a home page, a login wall, a paywall
teaser, and an article whose body ends in promo blocks."""

from __future__ import annotations

import pytest
from conftest import FIXTURES_DIR

from bot.errors import NotAnArticleError
from bot.pipeline.clean import clean_text
from bot.sources.extract import _with_gaps_filled, extract_article

PAGES = FIXTURES_DIR / "pages"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_article_metadata_is_extracted() -> None:
    article = extract_article(page("article.html"), "https://courier.example/news/flood-wall")
    assert article.title == "River town votes to rebuild its flood wall"
    assert article.site_name == "The Valley Courier"
    assert article.author == "Marta Okafor"
    assert article.published == "2024-03-14"
    assert article.source == "https://courier.example/news/flood-wall"


def test_article_text_is_the_story_in_paragraphs() -> None:
    text = extract_article(page("article.html")).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0].startswith(
        "The town council of Millbrook voted seven to two"
    )  # headline not repeated
    assert any(p.startswith("Two councillors voted against the plan.") for p in paragraphs)
    assert paragraphs[-1].startswith("The regional water authority said it would also review")
    assert len(paragraphs) >= 8
    for furniture in ("Related stories", "All rights reserved", "Privacy policy", "Sport"):
        assert furniture not in text


def test_promo_blocks_at_the_end_of_the_body_are_gone_after_cleaning() -> None:
    text = clean_text(extract_article(page("promo_footer.html")).text)
    assert "We lit candles between the rows" in text
    assert "considered at the next review in June." in text
    for promo in ("newsletter", "Follow us", "Advertisement", "Share this story", "Read more", "Copyright"):
        assert promo not in text


def test_a_short_real_brief_is_still_an_article() -> None:
    article = extract_article(page("brief.html"))
    assert "lost part of its load of timber" in article.text
    assert article.published is None  # no date on the page, and none is guessed


def test_home_page_is_not_an_article() -> None:
    with pytest.raises(NotAnArticleError, match="home page"):
        extract_article(page("home.html"), "https://courier.example/")


def test_login_wall_is_not_an_article() -> None:
    with pytest.raises(NotAnArticleError, match="log in"):
        extract_article(page("login.html"), "https://courier.example/news/flood-wall")


def test_a_paywall_teaser_long_enough_to_read_is_an_article_marked_teaser() -> None:
    article = extract_article(page("paywall.html"), "https://ledger.example/business/paper-mill")
    assert article.teaser
    assert article.title == "Inside the deal that saved the valley's last paper mill"
    assert "Hartwell paper mill" in article.text and "negotiations nearly failed twice" in article.text
    assert "Subscribe" not in article.text and "Already a subscriber" not in article.text


def test_the_walls_own_lines_inside_the_body_are_not_part_of_the_teaser() -> None:
    html = page("paywall.html").replace(
        '<div class="paywalled-content paywall">', "<p>To continue reading, please subscribe.</p><div>"
    )
    article = extract_article(html, "https://ledger.example/business/paper-mill")
    assert article.teaser and "negotiations nearly failed twice" in article.text
    assert "continue reading" not in article.text and "Already a subscriber" not in article.text


@pytest.mark.parametrize(
    "wall",
    [
        "<p>Subscribe to continue reading.</p>",
        "<p>This story is available exclusively to subscribers. Already a member?</p>",
        '<script type="application/ld+json">{"isAccessibleForFree": false}</script>',
    ],
)
def test_a_paywall_that_leaves_almost_nothing_to_read_is_refused_as_a_paywall(wall: str) -> None:
    html = (
        "<html><head><title>Harbour deal</title></head><body><article><h1>Harbour deal</h1>"
        f"<p>The harbour board met on Friday to discuss the offer.</p>{wall}</article></body></html>"
    )
    with pytest.raises(NotAnArticleError) as info:
        extract_article(html, "https://ledger.example/business/harbour")
    assert "paywall" in info.value.user_message
    assert "Paste the article text" in info.value.user_message


def test_an_article_without_a_paywall_is_not_marked_teaser() -> None:
    assert not extract_article(page("article.html")).teaser


def test_full_text_behind_a_paywall_flag_is_kept() -> None:
    # A subscriber's saved page: the publisher's flag says "not free", but the whole story is there.
    flagged = page("article.html").replace(
        "</head>", '<script type="application/ld+json">{"isAccessibleForFree": false}</script></head>'
    )
    article = extract_article(flagged)
    assert "Priya Raman" in article.text and not article.teaser


@pytest.mark.parametrize(
    "html", ["", "   ", "<html><body></body></html>", "<html><body><p>Hi.</p></body></html>"]
)
def test_empty_pages_are_not_articles(html: str) -> None:
    with pytest.raises(NotAnArticleError):
        extract_article(html)


def test_bytes_in_a_declared_legacy_charset_are_decoded() -> None:
    html = page("article.html").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    html = html.replace("Millbrook voted", "Millbrook’s councillors voted")
    article = extract_article(html.encode("cp1252"))
    assert "Millbrook’s councillors voted" in article.text


def _page_with_a_card_heading(heading: str) -> str:
    """An article whose subhead sits in a card's header, which trafilatura's precise pass drops."""
    paragraph = (
        "<p>The harbour board met on day {} to weigh the plan for the new quay, and its members argued for an "
        "hour about the cost of the steel and the labour the work would need before the winter storms.</p>"
    )
    head = "".join(paragraph.format(i) for i in (1, 2, 3))
    tail = "".join(paragraph.format(i) for i in (4, 5))
    card = (
        f'<div class="card"><header class="card-header"><h2 class="card-title">{heading}</h2></header></div>'
    )
    return f"<html><head><title>Quay</title></head><body><article><h1>Quay plan</h1>{head}{card}{tail}</article></body></html>"


def test_a_subhead_inside_the_story_that_the_precise_pass_drops_is_put_back() -> None:
    text = extract_article(_page_with_a_card_heading("Second phase of the quay")).text
    assert "day 3 to weigh" in text.split("Second phase of the quay")[0]
    assert "day 4 to weigh" in text.split("Second phase of the quay")[1]


def test_a_heading_in_capitals_inside_the_story_stays_out() -> None:
    text = extract_article(_page_with_a_card_heading("CLICK HERE TO GET OUR APP")).text
    assert "CLICK HERE" not in text
    assert "day 4 to weigh" in text


@pytest.mark.parametrize(
    ("precise", "loose", "expected"),
    [
        # Lines between two kept lines come back, in any language; a caseless script never shouts.
        (
            "First line.\nLast line.",
            "First line.\nA subhead\nLast line.",
            "First line.\nA subhead\nLast line.",
        ),
        ("Uno.\nDue.", "Uno.\nLa seconda parte\nDue.", "Uno.\nLa seconda parte\nDue."),
        (
            "一行目です。\n三行目です。",
            "一行目です。\n二行目\n三行目です。",
            "一行目です。\n二行目\n三行目です。",
        ),
        (
            "一行目です。\n三行目です。",
            "一行目です。\n中国 GDP 增长\n三行目です。",
            "一行目です。\n中国 GDP 增长\n三行目です。",
        ),
        # What lies before the first kept line or after the last one is the page's furniture.
        ("Body one.\nBody two.", "Menu\nBody one.\nBody two.\nRelated stories", "Body one.\nBody two."),
        # A lead the page repeats above its byline: the header is no gap, however the lines are matched.
        ("Lead.\nTwo.\nThree.", "Lead.\nBy Jo Reed\nShare this\nLead.\nTwo.\nThree.", "Lead.\nTwo.\nThree."),
        ("One.\nTwo.", "One.\nTwo.\nSee all\nTwo.", "One.\nTwo."),
        # A line all in capitals inside the story is a cross-promotion; a kept one stays.
        ("One.\nTWO.\nThree.", "One.\nREAD OUR APP\nTWO.\nThree.", "One.\nTWO.\nThree."),
        # A gallery's counter has no letter.
        ("One.\nTwo.", "One.\n1/12\nTwo.", "One.\nTwo."),
        # The two passes disagree about the order of the page: the precise one stands.
        ("Beta.\nAlpha.", "Alpha.\nGamma.\nBeta.", "Beta.\nAlpha."),
        # A line with no word is nothing to put back.
        ("One.\nTwo.", "One.\n- \nTwo.", "One.\nTwo."),
    ],
)
def test_lines_between_two_lines_of_the_precise_pass_are_put_back(
    precise: str, loose: str, expected: str
) -> None:
    assert _with_gaps_filled(precise, loose, "<html><body><p>One.</p></body></html>") == expected


@pytest.mark.parametrize(
    "link",
    [
        "Council approves new budget for the harbour",
        "Read more about the harbour budget",
        "Ferry fares to rise in May",
    ],
)
def test_a_line_that_is_mostly_a_link_is_not_put_back(link: str) -> None:
    # A related story's headline between two paragraphs: the precise pass drops it for being a link.
    html = f'<html><body><p>One.</p><p><a href="/other">{link}</a></p><p>Two.</p></body></html>'
    assert _with_gaps_filled("One.\nTwo.", f"One.\n{link}\nTwo.", html) == "One.\nTwo."


def test_a_front_page_with_headline_links_between_its_teasers_is_refused() -> None:
    teaser = "<p>The harbour board met again this week to talk about the new quay.</p>"
    stories = "".join(
        f'<article><p><a href="/news/{i}">Harbour news story number {i} of the week</a></p>{teaser}</article>'
        for i in range(12)
    )
    html = (
        '<html><head><title>The Harbour Times</title><meta property="og:type" content="website"></head>'
        f"<body>{stories}</body></html>"
    )
    with pytest.raises(NotAnArticleError, match="home page"):
        extract_article(html, "https://harbour.example/")
