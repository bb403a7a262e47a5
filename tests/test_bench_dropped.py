"""bench/dropped.py's measures, on invented texts: which story lines a text still holds, counted per occurrence,
and the shingles a step takes out of the truth or not."""

from __future__ import annotations

from collections import Counter

from bench.dropped import Holder, Ledger, _tokens, lost_after
from bench.extraction import shingles

TRUTH = (
    "The harbour reopened on Monday after the storm.\n"
    "Ferries ran every twenty minutes until dark.\n"
    "Ferries ran every twenty minutes until dark.\n"
    "Day two"
)


def _story() -> list[list[str]]:
    return [_tokens(line) for line in TRUTH.splitlines()]


def test_a_line_is_in_the_truth_by_its_shingles_and_a_short_one_only_as_a_whole_line() -> None:
    assert Holder(TRUTH).has_line(_tokens("The harbour reopened on Monday after the storm"))
    assert not Holder(TRUTH).has_line(_tokens("The harbour closed on Friday before the storm"))
    assert Holder(TRUTH).has_line(["Day", "two"])
    assert not Holder(TRUTH).has_line(["Monday"])  # inside a line, not a line of its own


def test_a_repeated_line_is_lost_once_when_one_copy_goes() -> None:
    one_copy = "The harbour reopened on Monday after the storm.\nFerries ran every twenty minutes until dark.\nDay two"
    assert lost_after(TRUTH, _story()) == set()
    assert lost_after(one_copy, _story()) == {2}


def test_the_ledger_splits_what_a_step_takes_out_into_truth_and_not() -> None:
    ledger = Ledger()
    before = f"{TRUTH}\nShare this story on the ferry forum now"
    after = TRUTH.replace("Day two", "")
    ledger.add("step", before, after, Counter(shingles(TRUTH)), held_out=False)
    in_truth, not_in_truth, held_in, held_not = ledger.rows["step"]
    assert in_truth > 0 and not_in_truth > 0
    assert (held_in, held_not) == (0, 0)
