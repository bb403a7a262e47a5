"""Splitting a digest into Telegram messages: every message stands alone and says something."""

from __future__ import annotations

import pytest

from bot.render import utf16_len
from bot.telegram.messages import html_to_plain, split_html


@pytest.mark.parametrize(
    "markup",
    [
        "<b>Title</b>\n\n• " + "A" * 5000,  # a bullet before one enormous "word"
        "<b>Title</b>\n\n• " + "B" * 4000 + "\n• " + "C" * 4000,
        "• " + "x" * 9000 + " .",  # a lone full stop after it
        "<i>" + "word " * 2000 + "</i>",
    ],
)
def test_no_message_is_empty_or_a_single_character(markup: str) -> None:
    parts = split_html(markup)
    assert len(parts) > 1
    for part in parts:
        assert len(html_to_plain(part).strip()) >= 2, part[:40]
        assert utf16_len(part) <= 4096
    assert "".join(html_to_plain(p) for p in parts).replace(" ", "").replace("\n", "") == html_to_plain(
        markup
    ).replace(" ", "").replace("\n", "")
