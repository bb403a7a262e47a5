"""Any input, whatever its shape, ends in a valid digest or one clear refusal: never a crash, never output that
cannot be sent (the generators are bench/fuzz.py's; the bench runs 10,000 inputs and reports the slowest)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import GENERATORS, check, generate


@pytest.mark.parametrize("kind", sorted(GENERATORS))
@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_any_input_ends_in_a_digest_or_one_refusal(kind: str, seed: int) -> None:
    _, text = generate(seed, scale=0.25, kind=kind)
    assert check(text) in ("digest", "refused")


@pytest.mark.parametrize(
    "text", ["\ud800", "A lone half \udfff of a pair " * 20, "\ud83d\ude00 joined " * 30]
)
def test_lone_surrogates_never_reach_the_output(text: str) -> None:
    assert check(text) in ("digest", "refused")
