"""Text that is not language is refused with one clear line; text in any language is not."""

from __future__ import annotations

import base64
import json
import random
import string

import pytest
from conftest import ARTICLES_DIR, FIXTURES_DIR

from bot.errors import InputError
from bot.model import Article
from bot.pipeline import make_digest
from bot.pipeline.noise import MIN_STRUCTURE, letter_share, not_language, structure

ENGLISH_FREQUENCIES = (
    "eeeeeeeeeeeettttttttaaaaaaaooooooiiiiiiinnnnnnnssssssrrrrrrhhhhhhlllldddcccuummfpgwybvkxjqz"
)


def random_words(alphabet: str, seed: int, chars: int = 3_000) -> str:
    rng = random.Random(seed)
    words = ("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(chars))
    return " ".join(words)[:chars]


NOISE = {
    "uniform-latin-letters": random_words(string.ascii_lowercase, 1),
    "english-frequency-letters": random_words(ENGLISH_FREQUENCIES, 2),
    "cyrillic-letters": random_words("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", 3),
    "greek-letters": random_words("αβγδεζηθικλμνξοπρστυφχψω", 4),
    "letters-without-spaces": "".join(random.Random(5).choice(string.ascii_letters) for _ in range(3_000)),
    "base64-blob": base64.b64encode(random.Random(6).randbytes(3_000)).decode(),
    "hex-dump": " ".join(random.Random(7).randbytes(1_500).hex()[i : i + 8] for i in range(0, 3_000, 8)),
    "numbers-and-punctuation": " ".join(f"{n:,}.{n % 7}; -" for n in range(0, 40_000, 97)),
}
REAL = {p.name: p.read_text(encoding="utf-8") for p in sorted(ARTICLES_DIR.glob("*.txt"))} | json.loads(
    (FIXTURES_DIR / "languages.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("kind", sorted(NOISE))
def test_text_that_is_no_language_is_refused_in_one_line(kind: str) -> None:
    with pytest.raises(InputError) as caught:
        make_digest(Article(text=NOISE[kind]))
    message = caught.value.user_message
    assert message in (
        "That doesn't read as text in any language. Send an article's text or a link to it.",
        "That looks like a binary file, not text. Send the article's text or a link to it.",
    )


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_story_in_any_language_is_not_taken_for_noise(name: str) -> None:
    assert not not_language(REAL[name])
    measured = structure(REAL[name])
    assert measured is None or measured > MIN_STRUCTURE + 0.05  # with room to spare


def test_the_measures_read_as_documented() -> None:
    assert letter_share("12,345.67 -- 89 " * 10) == 0.0
    assert letter_share("Sixty one words " * 10) == 1.0
    assert letter_share("12,345.67") is None
    assert structure("too short to judge") is None
    assert (structure(NOISE["uniform-latin-letters"]) or 1) < 0.08
