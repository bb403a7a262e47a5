"""Every language the README lists gets a digest, in-process and through the CLI; one whose stemmer is not
installed (Polish) or that sumy has none for (Turkish, Indonesian) is summarized without it, and the digest says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ARTICLES_DIR, FIXTURES_DIR, REPO_ROOT

from bot.model import Article
from bot.pipeline import make_digest
from bot.pipeline.lang import support_for

STORIES: dict[str, str] = json.loads((FIXTURES_DIR / "languages.json").read_text(encoding="utf-8"))
STORIES |= {
    code: (ARTICLES_DIR / name).read_text(encoding="utf-8")
    for code, name in {
        "en": "en-near-duplicates.txt",
        "ru": "ru-zavod.txt",
        "de": "de-hochwasser.txt",
        "es": "es-sequia.txt",
        "fr": "fr-greve-transports.txt",
        "id": "id-banjir.txt",
    }.items()
}
WITHOUT_STEMMER = {"pl", "tr", "id"}


@pytest.mark.parametrize("code", sorted(STORIES))
def test_a_story_in_each_listed_language_gets_a_digest(code: str) -> None:
    digest = make_digest(Article(text=STORIES[code]), points=3)
    assert digest.language == code
    assert 1 <= len(digest.key_points) <= 3
    assert all(len(p) > 20 for p in digest.key_points)
    notes = " ".join(digest.extra.get("notes", []))
    assert ("without language-specific stemming" in notes) is (code in WITHOUT_STEMMER)


@pytest.mark.parametrize("code", ["el", "pl"])
def test_a_language_whose_stemmer_needs_its_own_package_never_fails(code: str) -> None:
    support = support_for(code)
    assert (support.stemmer is None) is (code in WITHOUT_STEMMER)


def test_every_listed_language_gets_a_digest_through_the_cli(tmp_path: object) -> None:
    lines = "".join(
        json.dumps({"id": code, "text": text, "points": 3}) + "\n" for code, text in STORIES.items()
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "digest", "--jsonl"],
        input=lines.encode("utf-8"),
        capture_output=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "NEWSBOT_DATA_DIR": str(tmp_path)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    answers = {a["id"]: a for a in map(json.loads, result.stdout.decode("utf-8").splitlines())}
    assert set(answers) == set(STORIES)
    for code, answer in answers.items():
        assert "error" not in answer, (code, answer)
        assert answer["language"] == code and answer["key_points"]


def test_every_language_the_identifier_knows_has_a_name_not_a_code() -> None:
    from bot.pipeline.lang import _identifier, language_name

    for code in _identifier().nb_classes:
        name = language_name(str(code))
        assert (name != code and name[:1].isupper()) or name == "an unidentified language", code
        assert "(" not in name
