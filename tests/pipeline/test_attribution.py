"""Reported speech loses its attribution tail in a point; quotations, leading attributions and the speaker's own
clauses keep theirs (attribution.py, on the English model's parse)."""

from __future__ import annotations

import pytest

from bot.pipeline.lang import support_for
from bot.pipeline.summarize import key_points
from bot.pipeline.summarize.attribution import without_attribution
from bot.pipeline.summarize.parsing import parse


def _shortened(sentence: str) -> str | None:
    docs = parse([sentence])
    if docs is None:
        pytest.skip("no English model installed")
    return without_attribution(docs[0])


@pytest.mark.parametrize(
    ("sentence", "point"),
    [
        (
            "The ferry was cancelled on Tuesday, the harbour master said.",
            "The ferry was cancelled on Tuesday.",
        ),
        (
            "The library will close in June for repairs, the mayor told reporters on Monday.",
            "The library will close in June for repairs.",
        ),
        (
            "Two climbers were rescued from the ridge, officials said in a statement.",
            "Two climbers were rescued from the ridge.",
        ),
        (
            "The two towns agreed to share a fire station, both councils said on Friday, amid worries that "
            "the old one would not pass inspection.",
            "The two towns agreed to share a fire station, amid worries that the old one would not pass "
            "inspection.",
        ),
    ],
)
def test_reported_speech_loses_its_attribution_tail(sentence: str, point: str) -> None:
    assert _shortened(sentence) == point


@pytest.mark.parametrize(
    "sentence",
    [
        '"We will rebuild the pier," the harbour master said.',  # a quotation keeps its speaker
        "“The school stays open,” Ms. Okafor said on Tuesday.",
        "'The harbour wall is safe,' chief engineer Ola Berg told reporters.",  # single quotes too
        "He told the meeting that 'the pier is safe,' the harbour master said.",
        "The harbour master said the ferry was cancelled.",  # the attribution leads: it is the sentence
        "The plant will close next year, the union said, adding that talks had failed.",  # the speaker's clause
        "The council approved the budget on Tuesday after a long debate.",  # no reported speech
        "Shares fell sharply, according to the exchange.",  # not a verb of saying: kept
    ],
)
def test_quotations_leading_attributions_and_the_speakers_own_clauses_stay_whole(sentence: str) -> None:
    assert _shortened(sentence) is None


def test_a_digest_point_comes_without_its_attribution_tail() -> None:
    story = (
        "The ferry between Port Ellery and Kerrow was cancelled for a third day on Tuesday, the harbour master "
        "said. Waves of six metres broke over the pier wall overnight. Engineers will inspect the wall once the "
        "wind drops, and the timetable will be back by Friday."
    )
    points = key_points(story, support_for("en"), 3)
    assert points[0] == "The ferry between Port Ellery and Kerrow was cancelled for a third day on Tuesday."
