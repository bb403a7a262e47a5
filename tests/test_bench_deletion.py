"""The deletion oracle: it removes what the reference does not say, keeps a sentence, and never cuts a quote."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bench.deletion import _tokens, oracle, removals, rouge1, shipped_cuts
from bot.pipeline.summarize.parsing import parse as parse_or_none


def parse(texts: list[str]) -> list[Any]:
    docs = parse_or_none(texts)
    assert docs is not None, "the English model is a dependency"
    return docs


def _reference(text: str) -> Counter[str]:
    return Counter(_tokens(text))


def test_rouge1_counts_stemmed_words_as_rouge_score_does() -> None:
    reference = _reference("The council voted to close the bridge.")
    assert rouge1(["The council votes to close the bridge."], reference) == pytest.approx(1.0)
    assert rouge1(["Nothing here matches."], reference) == 0.0


def test_oracle_removes_asides_the_reference_does_not_repeat() -> None:
    points = [
        "The council of Harwick, which met for six hours in the old town hall, voted to close the bridge.",
        "Engineers found cracks in two of its piers during a routine inspection last spring.",
    ]
    reference = _reference("Harwick council votes to close the bridge. Engineers found cracks in its piers.")
    shorter = oracle(points, parse(points), reference)
    assert shorter[0] == "The council of Harwick voted to close the bridge."
    assert "inspection" not in shorter[1] and shorter[1].startswith("Engineers found cracks")
    assert rouge1(shorter, reference) > rouge1(points, reference)


def test_oracle_keeps_a_point_whole_when_every_word_is_in_the_reference() -> None:
    points = ["The mayor of Harwick resigned on Friday."]
    assert oracle(points, parse(points), _reference("The mayor of Harwick resigned on Friday.")) == points


def test_removals_never_take_quoted_words() -> None:
    (doc,) = parse(['The coach, who had "never seen a night like it," praised the players.'])
    quoted_words = {t.i for t in doc if t.text in ("never", "seen", "night")}
    assert all(not (r & quoted_words) for r in removals(doc))


def test_the_oracle_held_to_the_shipped_cuts_leaves_a_list_item_and_its_phrase() -> None:
    points = ["The council voted to close the bridge and the ferry pier on the north side of the bay."]
    reference = _reference("The council voted to close the bridge.")
    (doc,) = parse(points)
    assert set(shipped_cuts(doc)) <= set(removals(doc))
    assert oracle(points, [doc], reference) == ["The council voted to close the bridge."]
    assert oracle(points, [doc], reference, shipped_cuts) == points
