"""Unit tests of the bot's pure helpers: message splitting, rate limits, entity links, log redaction."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from telegram import Bot, Message, Update

from bot.config import Settings, SettingsError
from bot.errors import BlockedAddressError, HTTPStatusError
from bot.telegram.app import NO_TOKEN_HELP, redact_in_logs, run
from bot.telegram.incoming import forward_credit, message_links
from bot.telegram.keyboards import digest_keyboard, keyboard_language, next_points
from bot.telegram.language import error_message, user_language
from bot.telegram.messages import html_to_plain, split_html
from bot.telegram.ratelimit import RateLimiter
from tools.tgserver import EntityParseError, parse_html, utf16_len


def _paragraphs(n: int, size: int) -> str:
    return "\n\n".join(
        f"<b>Point {i}</b> " + ("word " * (size // 5)).strip() + " &amp; more." for i in range(n)
    )


def test_short_html_is_not_split() -> None:
    assert split_html("<b>Hi</b>\n\nthere") == ["<b>Hi</b>\n\nthere"]


def test_long_html_splits_at_paragraphs_into_valid_parts_within_the_limit() -> None:
    markup = _paragraphs(40, 300)
    parts = split_html(markup, 4096)
    assert len(parts) >= 3
    for part in parts:
        assert utf16_len(part) <= 4096
        text, _ = parse_html(part)  # Telegram would accept it
        assert text.strip()
        assert part.startswith("<b>Point ")  # cut between paragraphs, not inside one
    assert sum(html_to_plain(p).count("Point ") for p in parts) == 40


def test_tags_open_across_a_cut_are_closed_and_reopened() -> None:
    markup = "<blockquote>" + "\n\n".join("line " * 100 for _ in range(30)) + "</blockquote>"
    parts = split_html(markup, 1000)
    assert len(parts) > 1
    for part in parts:
        parse_html(part)
        assert part.startswith("<blockquote>") and part.endswith("</blockquote>")


def test_one_giant_word_is_cut_without_breaking_entities_or_tags() -> None:
    markup = '<a href="https://example.com/x">' + "&amp;x" * 3000 + "</a>"
    parts = split_html(markup, 4096)
    assert len(parts) > 1
    for part in parts:
        parse_html(part)
        assert utf16_len(part) <= 4096


def test_emoji_count_twice_towards_the_limit() -> None:
    markup = "\n\n".join("😀" * 1000 for _ in range(3))  # 6000 UTF-16 units, 3000 code points
    parts = split_html(markup, 4096)
    assert len(parts) >= 2 and all(utf16_len(p) <= 4096 for p in parts)


def test_the_test_servers_parser_rejects_what_telegram_rejects() -> None:
    for bad in ["<p>x</p>", "<b>x", "1 < 2", "<b><i>x</b></i>", '<span class="x">s</span>']:
        with pytest.raises(EntityParseError):
            parse_html(bad)
    text, entities = parse_html('<b>A &amp; B</b> <a href="https://example.com/?a=1&amp;b=2">link</a>')
    assert text == "A & B link"
    assert entities[1] == {
        "type": "text_link",
        "offset": 6,
        "length": 4,
        "url": "https://example.com/?a=1&b=2",
    }


def test_point_ladder() -> None:
    assert next_points(4, 1) == 5 and next_points(4, -1) == 3
    assert next_points(10, 1) is None and next_points(2, -1) is None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_allows_a_burst_then_says_when_there_is_room_again() -> None:
    clock = Clock()
    limiter = RateLimiter(per_user=3, per_chat=100, period=60, clock=clock)
    assert limiter.check(1, 1).allowed
    clock.now += 10
    assert all(limiter.check(1, 1).allowed for _ in range(2))
    refused = limiter.check(1, 1)
    assert not refused.allowed
    assert refused.retry_after == 50  # the first request leaves the window
    assert refused.clear_after == 60  # the last one does
    assert limiter.check(2, 2).allowed  # other users are not affected
    clock.now += 61
    assert limiter.check(1, 1).allowed


def test_messages_button_presses_and_inline_queries_are_counted_apart() -> None:
    limiter = RateLimiter(per_user=1, per_button=2, per_inline=1, clock=Clock())
    assert limiter.check(1, 1).allowed
    assert not limiter.check(1, 1).allowed
    assert limiter.check(1, None, kind="button").allowed and limiter.check(1, None, kind="button").allowed
    assert not limiter.check(1, None, kind="button").allowed
    assert limiter.check(1, None, kind="inline").allowed


def test_group_chat_limit_counts_everyone_in_the_group() -> None:
    limiter = RateLimiter(per_user=100, per_chat=2, period=60, clock=Clock())
    assert limiter.check(1, -50, group=True).allowed
    assert limiter.check(2, -50, group=True).allowed
    assert not limiter.check(3, -50, group=True).allowed
    assert limiter.check(3, -51, group=True).allowed


def _message(data: dict[str, Any]) -> Message:
    base = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}
    return Message.de_json({**base, **data}, Bot("1:x"))


def test_links_come_from_url_and_text_link_entities_in_order_without_duplicates() -> None:
    text = "see 🙂 example.org/a and this and https://example.net/b https://example.net/b"

    def at(sub: str, start: int = 0) -> dict[str, int]:
        i = text.index(sub, start)
        return {"offset": utf16_len(text[:i]), "length": utf16_len(sub)}  # the emoji counts as 2

    second = text.index("https://example.net/b") + 1
    msg = _message(
        {
            "text": text,
            "entities": [
                {"type": "url", **at("example.org/a")},
                {"type": "text_link", **at("this"), "url": "https://hidden.example/x"},
                {"type": "url", **at("https://example.net/b")},
                {"type": "url", **at("https://example.net/b", second)},
            ],
        }
    )
    assert message_links(msg) == ["http://example.org/a", "https://hidden.example/x", "https://example.net/b"]
    caption = _message(
        {
            "caption": "x https://example.com/1",
            "caption_entities": [{"type": "url", "offset": 2, "length": 21}],
        }
    )
    assert message_links(caption) == ["https://example.com/1"]


def test_forward_credit_names_channel_with_signature() -> None:
    msg = _message(
        {
            "text": "x",
            "forward_origin": {
                "type": "channel",
                "date": 0,
                "message_id": 3,
                "chat": {"id": -100, "type": "channel", "title": "Elwen Daily"},
                "author_signature": "R. Ames",
            },
        }
    )
    assert forward_credit(msg) == "Forwarded from Elwen Daily (R. Ames)"
    assert forward_credit(_message({"text": "x"})) is None


def test_a_forward_credit_is_kept_in_english_as_data_even_for_a_hidden_sender() -> None:
    # The credit becomes the article's source (cached, shared by every reader); render.py translates it.
    hidden = _message(
        {"text": "x", "forward_origin": {"type": "hidden_user", "date": 0, "sender_user_name": ""}}
    )
    assert forward_credit(hidden) == "Forwarded from a hidden sender"


def _update_from(language_code: str | None) -> Update:
    user: dict[str, Any] = {"id": 7, "is_bot": False, "first_name": "Olga"}
    if language_code is not None:
        user["language_code"] = language_code
    return Update.de_json(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 7, "type": "private"},
                "from": user,
                "text": "hi",
            },
        },
        Bot("1:x"),
    )


@pytest.mark.parametrize(
    ("code", "lang"), [("ru", "ru"), ("ru-RU", "ru"), ("en", "en"), ("uk", "en"), (None, "en")]
)
def test_the_senders_app_language_picks_the_bots_language(code: str | None, lang: str) -> None:
    assert user_language(_update_from(code)) == lang


def test_digest_buttons_in_russian_and_their_language_read_back() -> None:
    ru = digest_keyboard(4, "https://example.com/a", lang="ru")
    assert [[b.text for b in row] for row in ru.inline_keyboard] == [
        ["Меньше пунктов (3)", "Больше пунктов (5)"],
        ["Открыть источник"],
    ]
    assert [b.callback_data for b in ru.inline_keyboard[0]] == ["pts:3", "pts:5"]  # the data is the same
    for lang in ("en", "ru"):
        for markup in (digest_keyboard(10, None, lang=lang), digest_keyboard(5, None, key="abc", lang=lang)):
            message = _message({"text": "x", "reply_markup": markup.to_dict()})
            assert keyboard_language(message) == lang
    assert keyboard_language(_message({"text": "x"})) is None


def test_error_messages_follow_the_users_language_and_keep_their_details() -> None:
    blocked = BlockedAddressError()
    assert error_message(blocked, "en") == blocked.user_message
    assert (
        error_message(blocked, "ru")
        == "Эта ссылка ведёт на частный или внутренний адрес, а такие я не открываю."
    )
    gone = HTTPStatusError("The site answered 410 (gone). Paste the article text instead.")
    assert (
        error_message(gone, "ru")
        == "Сайт ответил кодом 410 (страница удалена). Пришлите вместо ссылки текст статьи."
    )


def test_secrets_are_redacted_from_messages_arguments_and_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = "123456:SECRET-token-value"
    redact_in_logs([token])
    caplog.set_level(logging.DEBUG)
    log = logging.getLogger("test.redact")
    log.info("POST https://api.telegram.org/bot%s/getMe", token)
    try:
        raise RuntimeError(f"failed calling /bot{token}/sendMessage")
    except RuntimeError:
        log.exception("boom")
    assert token not in caplog.text
    assert "[redacted]" in caplog.text


def test_run_without_a_token_explains_botfather_and_env_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(Settings(telegram_token="")) != 0
    err = capsys.readouterr().err
    assert "BotFather" in err and "TELEGRAM_BOT_TOKEN" in err and ".env" in err
    assert err.strip() == NO_TOKEN_HELP.strip()


def test_executor_kind_is_read_once_into_settings() -> None:
    from bot.config import Settings
    from bot.service import default_executor_kind

    assert default_executor_kind(Settings.load({"NEWSBOT_EXECUTOR": "thread"}, env_file=None)) == "thread"
    assert default_executor_kind(Settings.load({"NEWSBOT_EXECUTOR": "process"}, env_file=None)) == "process"
    with pytest.raises(SettingsError, match="NEWSBOT_EXECUTOR='gpu'"):
        Settings.load({"NEWSBOT_EXECUTOR": "gpu"}, env_file=None)
