"""Properties (hypothesis): cleaning never raises and stays idempotent-ish; Telegram HTML is always well-formed
and within the limit, whatever the digest holds. Example counts are modest: the machine is shared."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render import telegram_html_problems

from bot.model import Actor, Digest
from bot.pipeline.clean import clean_text, is_furniture_line, looks_binary, normalize_chars, word_count
from bot.render import TELEGRAM_LIMIT, render_json, render_telegram_html, render_text, utf16_len

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what people paste: words, furniture, markup, emoji, mojibake, invisible characters.
_pieces = st.sampled_from(
    [
        "The ferry left at six.", " ", "\n", "\n\n", "Related Articles", "Back to top button", "#news", "🚢",
        "t.me/wire", "https://x.example/a?b=1&c=2", "&amp;", "&#x1F600;", "Ã©", "â€™", "\u200b", "\u00ad",
        "<b>", "</i>", "&", "<", ">", "the the", "Ukraine. Ukraine.", "Mr.", "\r\n", "\x00", "\ufffd",
        "Forwarded from Wire", "👍🏽", "\U0001f1fa\U0001f1e6", "Å", "е", "\u202e",
    ]
)  # fmt: skip
pasted = st.lists(st.one_of(st.text(max_size=40), _pieces), max_size=30).map("".join)


@FAST
@given(st.text(max_size=2000))
def test_clean_text_never_raises_on_any_unicode(text: str) -> None:
    cleaned = clean_text(text)
    assert isinstance(cleaned, str)
    assert "\n\n\n" not in cleaned
    assert cleaned == cleaned.strip()


@FAST
@given(pasted)
def test_clean_text_never_raises_on_paste_like_text(text: str) -> None:
    cleaned = clean_text(text)
    assert "\u200b" not in cleaned and "\u00ad" not in cleaned and "\x00" not in cleaned
    word_count(cleaned)
    looks_binary(text)
    for line in text.splitlines():
        is_furniture_line(line)


@FAST
@given(pasted)
def test_normalize_chars_is_stable(text: str) -> None:
    once = normalize_chars(text)
    assert isinstance(once, str)
    assert "\r" not in once


@FAST
@given(pasted)
def test_cleaning_clean_text_changes_nothing_more_than_once(text: str) -> None:
    # A second pass may repair what the first exposed, but a third pass must not change anything.
    twice = clean_text(clean_text(text))
    assert clean_text(twice) == twice


_free = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from("<>&\"'🚢👍🏽é \n"), max_size=300),
    # Huge strings, built by repetition so they cost hypothesis little entropy.
    st.builds(
        lambda s, n: s * n, st.text(min_size=1, max_size=12), st.integers(min_value=300, max_value=1500)
    ),
)
_optional = st.one_of(st.none(), _free)
_actors = st.lists(
    st.builds(
        Actor,
        name=_free,
        kind=st.sampled_from(["person", "organization", "place"]),
        role=_optional,
        mentions=st.integers(min_value=1, max_value=10**6),
        aliases=st.lists(st.text(max_size=30), max_size=3).map(tuple),
    ),
    max_size=15,
).map(tuple)
_sources = st.one_of(
    _optional,
    st.builds(lambda s, n: "https://example.org/" + s * n, st.text(max_size=5), st.integers(0, 2000)),
    st.just('http://x.example/"><script>'),
)
digests = st.builds(
    Digest,
    title=_optional,
    source=_sources,
    language=st.text(max_size=5),
    language_name=_free,
    key_points=st.lists(_free, max_size=10).map(tuple),
    actors=_actors,
    text=st.just(""),
    words=st.integers(min_value=0, max_value=10**7),
    actors_note=_optional,
    site_name=_optional,
    author=_optional,
    published=_optional,
)


@SLOW
@given(digests)
def test_telegram_html_is_always_well_formed_and_within_the_limit(d: Digest) -> None:
    out = render_telegram_html(d)
    assert utf16_len(out) <= TELEGRAM_LIMIT
    assert telegram_html_problems(out) == []


@SLOW
@given(digests, st.integers(min_value=16, max_value=TELEGRAM_LIMIT))
def test_telegram_html_respects_any_limit(d: Digest, max_len: int) -> None:
    out = render_telegram_html(d, max_len=max_len)
    assert utf16_len(out) <= max_len
    assert telegram_html_problems(out) == []


@SLOW
@given(digests)
def test_text_and_json_render_anything(d: Digest) -> None:
    assert render_text(d).endswith("\n")
    assert Digest.from_json(d.to_json()) == d
    render_json(d)
