"""Renderers: plain text, JSON, and Telegram HTML (allowed tags only, escaped, within the length limit)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from bot.model import Actor, Digest
from bot.render import TELEGRAM_LIMIT, render_json, render_telegram_html, render_text, utf16_len

# https://core.telegram.org/bots/api#html-style
TELEGRAM_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code",
    "pre", "blockquote",
}  # fmt: skip
TELEGRAM_ENTITIES = {"lt", "gt", "amp", "quot"}


class _TelegramHTMLChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"tag <{tag}> is not allowed")
        if tag == "a" and [name for name, _ in attrs] != ["href"]:
            self.problems.append(f"<a> must carry exactly href, got {attrs}")
        elif tag != "a" and tag != "span" and attrs:
            self.problems.append(f"<{tag}> has attributes {attrs}")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in TELEGRAM_ENTITIES:
            self.problems.append(f"entity &{name}; is not supported")

    def handle_data(self, data: str) -> None:
        for ch in "<>&":
            if ch in data:
                self.problems.append(f"unescaped {ch!r} in {data[:40]!r}")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declaration")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")


def telegram_html_problems(text: str) -> list[str]:
    """Why Telegram would refuse this HTML (empty when it is well-formed with allowed tags only)."""
    checker = _TelegramHTMLChecker()
    checker.feed(text)
    checker.close()
    if checker.rawdata:  # HTMLParser keeps an unfinished tag ("<b") here instead of reporting it
        checker.problems.append(f"unfinished markup {checker.rawdata[:40]!r}")
    if checker.open:
        checker.problems.append(f"unclosed {checker.open}")
    return checker.problems


def make(**changes: object) -> Digest:
    base: dict[str, object] = {
        "title": "Ferry Terminal Opens in Port Ellery",
        "source": "https://www.ellery-times.example/news/ferry?id=1&ref=tg",
        "language": "en",
        "language_name": "English",
        "key_points": (
            "The terminal opened on Friday, two years late.",
            "It will handle twice as many passengers.",
            "Fishermen protested near the quay.",
        ),
        "actors": (
            Actor("Dana Okafor", "person", "Mayor of Port Ellery", 3, ("Okafor",)),
            Actor("Ellery Ferry Company", "organization", None, 1),
            Actor("Port Ellery", "place", None, 4),
        ),
        "text": "The terminal opened on Friday, two years late.",
        "words": 460,
    }
    base.update(changes)
    return Digest(**base)  # type: ignore[arg-type]


def test_text_shows_title_meta_points_and_actors() -> None:
    out = render_text(make())
    lines = out.splitlines()
    assert lines[0] == "Ferry Terminal Opens in Port Ellery"
    assert lines[1] == "ellery-times.example · English · 460 words, 2 min read"
    assert lines[2] == "https://www.ellery-times.example/news/ferry?id=1&ref=tg"
    assert "  • The terminal opened on Friday, two years late." in lines
    assert "  • Dana Okafor [person] — Mayor of Port Ellery (3 mentions)" in lines
    assert "  • Ellery Ferry Company [organization] (1 mention)" in lines


def test_text_shows_why_actors_are_missing_and_notes() -> None:
    out = render_text(
        make(
            actors=(),
            actors_note="Named actors are listed for English articles only; this one is in Indonesian.",
            extra={"notes": ["Indonesian is summarized without language-specific stemming and stop words."]},
        )
    )
    assert "Actors:" not in out
    assert "this one is in Indonesian." in out
    assert "without language-specific stemming" in out


def test_text_without_title_or_source() -> None:
    out = render_text(make(title=None, source=None))
    assert out.startswith("Digest\nEnglish · 460 words")


def test_json_is_the_digest_json() -> None:
    d = make()
    assert json.loads(render_json(d)) == d.to_json()
    assert "\n" not in render_json(d, indent=None)


def test_json_keeps_non_ascii_readable() -> None:
    assert "Café" in render_json(make(title="Café owners cheer"))


def test_html_is_well_formed_and_links_the_source() -> None:
    out = render_telegram_html(make())
    assert telegram_html_problems(out) == []
    assert out.startswith("<b>Ferry Terminal Opens in Port Ellery</b>\n")
    assert (
        '<a href="https://www.ellery-times.example/news/ferry?id=1&amp;ref=tg">ellery-times.example</a>'
        in out
    )
    assert "👤 <b>Dana Okafor</b> — Mayor of Port Ellery" in out
    assert "📍 Port Ellery" in out


def test_html_escapes_every_text_field() -> None:
    d = make(
        title="Tags <b>& friends</b>",
        key_points=("1 < 2 && 3 > 2", "<script>alert(1)</script>"),
        actors=(Actor("A&B <Holdings>", "organization", "Owner of <i>", 1),),
        source="Forwarded from <Harbour & Wire>",
    )
    out = render_telegram_html(d)
    assert telegram_html_problems(out) == []
    assert "<b>Tags &lt;b&gt;&amp; friends&lt;/b&gt;</b>" in out
    assert "• 1 &lt; 2 &amp;&amp; 3 &gt; 2" in out
    assert "<script>" not in out
    assert "Forwarded from &lt;Harbour &amp; Wire&gt;" in out


@pytest.mark.parametrize(
    "source", ["javascript:alert(1)", "ftp://ellery.example/file", "Forwarded from Wire"]
)
def test_html_links_only_http_sources(source: str) -> None:
    out = render_telegram_html(make(source=source))
    assert "<a " not in out
    assert telegram_html_problems(out) == []


def test_html_shows_the_actors_note() -> None:
    out = render_telegram_html(
        make(actors=(), actors_note="Named actors are listed for English articles only.")
    )
    assert "<i>Named actors are listed for English articles only.</i>" in out
    assert "Who's who" not in out


@pytest.mark.parametrize("show_actors", [True, False])
def test_html_shows_the_digest_notes_with_or_without_actors(show_actors: bool) -> None:
    note = "Only the part of this article before its paywall could be read: the digest covers that part. Paste the whole text for a full digest."
    out = render_telegram_html(make(extra={"notes": [note]}), show_actors=show_actors)
    assert out.endswith(f"\n\n<i>{note}</i>")
    assert telegram_html_problems(out) == []
    russian = render_telegram_html(make(extra={"notes": [note]}), show_actors=show_actors, lang="ru")
    assert "<i>Статья платная" in russian


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("📍") == 2
    assert utf16_len("é") == 1


def test_long_digest_is_cut_to_the_telegram_limit_and_keeps_the_title() -> None:
    long_point = "The harbour board said " + "the ferry would run on time " * 60 + "every day."
    d = make(
        key_points=tuple(long_point for _ in range(10)),
        actors=tuple(Actor(f"Person {i} Name", "person", "Mayor of Port Ellery " * 5, 1) for i in range(30)),
    )
    out = render_telegram_html(d)
    assert utf16_len(out) <= TELEGRAM_LIMIT
    assert telegram_html_problems(out) == []
    assert out.startswith("<b>Ferry Terminal Opens in Port Ellery</b>")
    assert "…" in out


def test_emoji_heavy_digest_is_measured_in_utf16_units() -> None:
    d = make(key_points=tuple("🌊" * 400 for _ in range(10)))
    out = render_telegram_html(d)
    assert len(out) < utf16_len(out) <= TELEGRAM_LIMIT


def test_huge_title_and_escaped_text_still_fit() -> None:
    d = make(title="&<>" * 5000, source="https://x.example/" + "a" * 9000, author="<" * 9000)
    out = render_telegram_html(d)
    assert utf16_len(out) <= TELEGRAM_LIMIT
    assert telegram_html_problems(out) == []


@pytest.mark.parametrize("max_len", [200, 500, 1000])
def test_html_respects_a_smaller_limit(max_len: int) -> None:
    out = render_telegram_html(make(), max_len=max_len)
    assert utf16_len(out) <= max_len
    assert telegram_html_problems(out) == []


def test_points_argument_limits_the_points_shown() -> None:
    out = render_telegram_html(make(), points=1)
    assert out.count("• ") == 1


def test_also_named_is_shown_and_dropped_first_when_space_runs_out() -> None:
    digest = Digest(
        title="Bridge reopens",
        source=None,
        language="en",
        language_name="English",
        key_points=("The bridge reopens in May after repairs that cost more than planned.",),
        actors=(Actor("Dana Okafor", "person", "Mayor of Riverton", 3, ("Okafor",)),),
        text="",
        words=120,
        also_named=("Riverton Ledger",),
    )
    assert "Also named: Riverton Ledger" in render_text(digest)
    assert "<i>Also named: Riverton Ledger</i>" in render_telegram_html(digest)
    full = render_telegram_html(digest)
    tight = render_telegram_html(digest, max_len=utf16_len(full) - 1)
    assert "Also named" not in tight and "Dana Okafor" in tight


# ---------------------------------------------------------------------------------------------------------------
# Russian labels (the digest's own text stays as it is)


def test_russian_html_has_russian_labels_and_keeps_the_digest_text() -> None:
    out = render_telegram_html(make(also_named=("Ellery Ledger",)), lang="ru")
    assert telegram_html_problems(out) == []
    assert out.startswith("<b>Ferry Terminal Opens in Port Ellery</b>\n")
    assert "ellery-times.example</a> · английский · 460 слов, 2 минуты чтения</i>" in out
    assert "<b>Кто есть кто</b>" in out
    assert "<i>Также упомянуты: Ellery Ledger</i>" in out
    assert "• The terminal opened on Friday, two years late." in out
    assert "👤 <b>Dana Okafor</b> — Mayor of Port Ellery" in out
    assert "Who's who" not in out and "words" not in out


@pytest.mark.parametrize(
    ("words", "meta"),
    [
        (230, "230 слов, 1 минута чтения"),
        (22, "22 слова, 1 минута чтения"),
        (1150, "1150 слов, 5 минут чтения"),
    ],
)
def test_russian_meta_line_agrees_with_its_numbers(words: int, meta: str) -> None:
    assert meta in render_telegram_html(make(words=words), lang="ru")


def test_russian_html_fallback_title_source_link_and_forward_credit() -> None:
    untitled = render_telegram_html(make(title=None, source="https://"), lang="ru")
    assert untitled.startswith("<b>Дайджест</b>\n")
    assert '<a href="https://">источник</a>' in untitled
    forwarded = render_telegram_html(make(source="Forwarded from Elwen Daily"), lang="ru")
    assert "<i>Переслано от Elwen Daily · английский ·" in forwarded
    # Another language's name, and one the bot has no Russian for.
    assert " · немецкий · " in render_telegram_html(make(language="de", language_name="German"), lang="ru")
    assert " · xx · " in render_telegram_html(make(language="xx", language_name="xx"), lang="ru")


def test_russian_html_translates_the_actors_note() -> None:
    note = "Named actors are listed for English and Russian articles only; this one is in German."
    out = render_telegram_html(make(actors=(), actors_note=note), lang="ru")
    assert (
        "<i>Действующих лиц я выделяю только в статьях на английском и русском, а язык этой статьи — немецкий.</i>"
        in out
    )
    assert note in render_telegram_html(make(actors=(), actors_note=note))  # English stays English


def test_russian_text_has_russian_headings_kinds_mentions_and_notes() -> None:
    out = render_text(
        make(
            title=None,
            also_named=("Ellery Ledger",),
            extra={"notes": ["English is summarized without language-specific stop words."]},
        ),
        "ru",
    )
    lines = out.splitlines()
    assert lines[0] == "Дайджест"
    assert lines[1] == "ellery-times.example · английский · 460 слов, 2 минуты чтения"
    assert "Ключевые моменты:" in lines and "Действующие лица:" in lines
    assert "  • Dana Okafor [человек] — Mayor of Port Ellery (3 упоминания)" in lines
    assert "  • Ellery Ferry Company [организация] (1 упоминание)" in lines
    assert "  • Port Ellery [место] (4 упоминания)" in lines
    assert "Также упомянуты: Ellery Ledger" in lines
    assert "Язык статьи — английский: ключевые моменты выбраны без списка стоп-слов для этого языка." in lines


def test_english_stays_the_default_for_text_and_html() -> None:
    d = make(also_named=("Ellery Ledger",))
    assert render_text(d) == render_text(d, "en")
    assert render_telegram_html(d) == render_telegram_html(d, lang="en")


def test_long_russian_digest_is_cut_to_the_telegram_limit() -> None:
    long_point = "Совет гавани заявил, что " + "паром будет ходить по расписанию " * 60 + "каждый день."
    d = make(
        key_points=tuple(long_point for _ in range(10)),
        actors=tuple(Actor(f"Человек {i} Имя", "person", "Мэр Порт-Эллери " * 5, 1) for i in range(30)),
        also_named=tuple(f"Газета {i}" for i in range(40)),
    )
    out = render_telegram_html(d, lang="ru")
    assert utf16_len(out) <= TELEGRAM_LIMIT
    assert telegram_html_problems(out) == []
    assert out.startswith("<b>Ferry Terminal Opens in Port Ellery</b>") and "<b>Кто есть кто</b>" in out


def test_huge_untitled_russian_digest_with_emoji_still_fits() -> None:
    d = make(
        title=None, source="https://x.example/" + "я" * 9000, author="<🌊" * 3000, key_points=("🌊" * 5000,)
    )
    out = render_telegram_html(d, lang="ru")
    assert utf16_len(out) <= TELEGRAM_LIMIT
    assert telegram_html_problems(out) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("max_len", [0, 12, 13, 14, 15, 40, 200, 500, 1000])
def test_html_in_either_language_respects_any_limit(lang: str, max_len: int) -> None:
    out = render_telegram_html(make(title="Т" * 300, author="А" * 300), max_len=max_len, lang=lang)  # type: ignore[arg-type]
    assert utf16_len(out) <= max_len
    assert telegram_html_problems(out) == []
