"""The shared sample of a garbled, forwarded article (skipped when ../shared is absent): footer gone, story kept,
the two leaders named once each. The expected sentences come from the sample itself at run time."""

from __future__ import annotations

import re

import pytest
from conftest import SHARED_DIR

from bot.model import Article, Digest
from bot.pipeline.digest import make_digest

FOOTER_MARKERS = ("News7F", "Related Articles", "Back to top")


@pytest.fixture(scope="module")
def sample() -> str:
    path = SHARED_DIR / "samples" / "garbled-forwarded-article.txt"
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def digest(sample: str) -> Digest:
    return make_digest(Article(text=sample, source="garbled-forwarded-article.txt"))


def _story_sentences(sample: str) -> list[str]:
    paragraphs = [p.strip() for p in sample.split("\n\n") if p.strip()]
    story = [p for p in paragraphs[1:] if not p.startswith(FOOTER_MARKERS)]  # [0] is the headline
    sentences: list[str] = []
    for paragraph in story:
        for sentence in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", paragraph):
            # A fragment that only repeats the end of the sentence before it ("of Ukraine. Ukraine.") is
            # exactly what cleaning removes.
            if sentences and sentences[-1].rstrip(".").endswith(" " + sentence.rstrip(".")):
                continue
            sentences.append(sentence)
    return sentences


def test_footer_lines_are_gone(digest: Digest) -> None:
    for marker in FOOTER_MARKERS:
        assert marker not in digest.text
        assert all(marker not in p for p in digest.key_points)
    assert not any(word in a.name for a in digest.actors for word in ("Related", "Back", "News7F"))


def test_every_story_sentence_is_kept_in_order(sample: str, digest: Digest) -> None:
    sentences = _story_sentences(sample)
    assert len(sentences) > 20
    position = 0
    for sentence in sentences:
        found = digest.text.find(sentence, position)
        assert found >= 0, f"lost or reordered: {sentence!r}"
        position = found + len(sentence)


def test_paragraph_breaks_are_kept(sample: str, digest: Digest) -> None:
    paragraphs = [
        p for p in sample.split("\n\n")[1:] if p.strip() and not p.strip().startswith(FOOTER_MARKERS)
    ]
    assert digest.text.count("\n\n") == len(paragraphs) - 1


def test_repeated_fragment_is_repaired(digest: Digest) -> None:
    assert "Ukraine. Ukraine." not in digest.text


def test_headline_is_the_title(sample: str, digest: Digest) -> None:
    assert digest.title == sample.split("\n\n", 1)[0].strip()


@pytest.mark.parametrize("surname", ["Lukashenko", "Putin"])
def test_each_leader_is_one_actor(digest: Digest, surname: str) -> None:
    matching = [a for a in digest.actors if surname in a.name or any(surname in alias for alias in a.aliases)]
    assert len(matching) == 1, matching
    assert matching[0].kind == "person"
    assert matching[0].mentions >= 5


def test_putin_role_comes_from_his_title(digest: Digest) -> None:
    (putin,) = [a for a in digest.actors if "Putin" in a.name]
    assert putin.role == "President of Russia"


def test_the_four_points_are_under_120_words(digest: Digest) -> None:
    assert len(digest.key_points) == 4
    assert sum(len(p.split()) for p in digest.key_points) < 120


@pytest.mark.parametrize("points", [3, 4, 5, 8])
def test_no_point_is_the_lower_case_tail_of_a_split_sentence(sample: str, points: int) -> None:
    d = make_digest(Article(text=sample), points=points)
    assert all(p[:1].isupper() or not p[:1].isalpha() for p in d.key_points), d.key_points
