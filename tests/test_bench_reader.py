"""The reader's check (bench/reader.py): each check with invented points it flags and points it lets pass."""

from __future__ import annotations

import pytest

from bench.reader import check, debris, fragment


@pytest.mark.parametrize(
    "point",
    [
        "the ferry will run every twenty minutes until the bridge reopens.",  # lower-case start
        "The council voted to keep the market open and.",  # ends on a conjunction
        "The mayor promised a new sea wall for the harbour,",  # ends on a comma
        "The new bridge (the third in a decade opened to walkers in the spring.",  # unpaired bracket
        "Photos of the storm damage along the northern coast road.",  # no finite verb
        "According to a report in the Harbourton Gazette, the island's weekly paper.",
    ],
)
def test_a_fragment_is_flagged(point: str) -> None:
    assert fragment(point) is not None


@pytest.mark.parametrize(
    "point",
    [
        "The ferry will run every twenty minutes until the bridge reopens.",
        "iPhone sales fell in the spring, the company said.",
        "my6sense opened an office in the harbour last year.",
        "This guy learned the importance of staying hydrated very early on.",
        "“We will rebuild the sea wall,” the mayor said.",
        "12 of the ferries were late on Monday.",
    ],
)
def test_a_sentence_is_not_a_fragment(point: str) -> None:
    assert fragment(point) is None


@pytest.mark.parametrize(
    "point",
    [
        "The minister visited the port, a rare trip As for the new harbour master it was his first.",
        "The storm flooded the lower town. Town.",
        "The storm flooded the the lower town.",
        "Boats from the northern harbour and the islands. crews of the ferries joined them.",
        "The council met on Monday , and voted to close the bridge.",
        "The council met on Monday,, and voted to close the bridge.",
    ],
)
def test_debris_is_flagged(point: str) -> None:
    assert debris(point) is not None


@pytest.mark.parametrize(
    "point",
    [
        "Walt Disney Co. executives said demand for the service was high.",
        "The mayor told The Harbourton Gazette that the bridge would reopen.",
        "The council met on Monday and voted to close the bridge... for now.",
        "Fares rose by 10 10 per cent, a typo the paper corrected.",
    ],
)
def test_a_clean_sentence_has_no_debris(point: str) -> None:
    assert debris(point) is None


def test_a_long_point_is_flagged_with_its_length() -> None:
    long = "The ferry will run " + " ".join(f"on day {n}," for n in range(1, 10)) + " and on the last day."
    assert len(long.split()) == 36
    flagged = list(check("page", [long, "The ferry will run again on Monday."]))
    assert [(f.kind, f.why) for f in flagged] == [("long", "36 words")]
