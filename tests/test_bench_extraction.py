"""bench/extraction.py's scoring, on invented texts and one invented page: the benchmark's shingle score, and the
same score with web addresses set aside."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench.extraction import ENGLISH, OURS, PLAIN, Score, run, without_links

STORY = (
    "The ferry company added three evening crossings to the island this winter.\n"
    "Book a seat here: https://ferries.example/b/4kQ2\n"
    "Passengers on the late boat had waited hours in the rain for a seat.\n"
    "www.ferries.example\n"
    "The harbour master said the new timetable would hold until the spring tides."
)


def _scored(predicted: str, truth: str) -> Score:
    score = Score()
    score.add(predicted, truth)
    return score


def test_web_addresses_are_taken_out_of_a_text_and_its_words_stay() -> None:
    assert without_links("Book a seat here: https://ferries.example/b/4kQ2 today").split() == [
        "Book", "a", "seat", "here:", "today",
    ]  # fmt: skip
    assert without_links("www.ferries.example").strip() == ""
    assert without_links("no link in this line") == "no link in this line"


def test_a_bare_link_the_cleaner_drops_costs_both_sides_unless_links_are_set_aside() -> None:
    cleaned = "\n".join(line for line in STORY.splitlines() if not line.startswith("www."))
    cleaned = cleaned.replace(" https://ferries.example/b/4kQ2", "")
    plain = _scored(cleaned, STORY)
    assert plain.recall < 1.0 and plain.precision < 1.0  # shingles across the dropped link are charged twice
    aside = _scored(without_links(cleaned), without_links(STORY))
    assert aside.recall == aside.precision == 1.0


def test_story_lines_lost_still_cost_recall_with_links_set_aside() -> None:
    lost = "\n".join(line for line in STORY.splitlines() if not line.startswith("Passengers"))
    aside = _scored(without_links(lost), without_links(STORY))
    assert aside.recall < 0.8


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_run_scores_each_language_group_with_links_set_aside_too(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY.splitlines())
    body = " ".join([paragraphs] * 3)
    html = (
        "<html><head><title>Evening ferries added</title></head><body><article><h1>Evening ferries added</h1>"
        f"{body}</article></body></html>"
    )
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(html.encode()))
    truth = "\n".join([STORY] * 3)
    (tmp_path / "ground-truth.json").write_text(
        json.dumps({"p1": {"articleBody": truth, "url": "https://ferries.example/news/evening"}}),
        encoding="utf-8",
    )
    results = run(tmp_path)
    assert set(results.links_aside) == set(results.languages)
    for name in (OURS, PLAIN):
        assert len(results.links_aside[ENGLISH][name].recalls) == 1
    # The bot drops the bare link line; with links set aside that costs it nothing.
    assert results.languages[ENGLISH][OURS].recall < 1.0
    assert results.links_aside[ENGLISH][OURS].recall > results.languages[ENGLISH][OURS].recall
