"""The text helpers every step shares."""

from __future__ import annotations

import pytest

from bot.pipeline.text import valid_unicode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a lone high half \ud800 here", "a lone high half \ufffd here"),
        ("a lone low half \udfff at the end\udc00", "a lone low half \ufffd at the end\ufffd"),
        ("a pair split in two: \ud83d\ude00", "a pair split in two: \U0001f600"),
    ],
)
def test_lone_surrogates_become_replacement_characters_and_split_pairs_join(text: str, expected: str) -> None:
    assert valid_unicode(text) == expected
    expected.encode("utf-8")  # what the reply is written in


@pytest.mark.parametrize("text", ["", "plain text", "Ёлка и 😀 эмодзи", "x" * 100_000])
def test_text_without_a_surrogate_is_returned_as_it_is(text: str) -> None:
    assert valid_unicode(text) is text
