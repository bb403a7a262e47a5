"""The load benchmark's own parts: article variants, arrivals, the knee, and CPU of a process tree.

All text here is invented; nothing needs ../shared, a spaCy model or the bot.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import subprocess
import sys
import threading
from types import SimpleNamespace
from typing import Any

import pytest

from bench.load import (
    Tracker,
    arrivals,
    knee,
    parse_rates,
    throughput_line,
    tree_cpu_seconds,
    tree_pids,
    unique_bodies,
    variant,
)
from tools.tgserver import Call

ARTICLE = (
    "The council of Ashby met on Monday. Ines Varga spoke first. The vote was close. "
    "Work starts in spring. Critics stayed home. The levy will rise. A report is due in May."
)


def test_variant_is_a_rotation_of_the_whole_article() -> None:
    first = variant(ARTICLE, 0)
    assert first == ARTICLE
    second = variant(ARTICLE, 1)
    assert second.startswith("Ines Varga spoke first.")
    assert second.endswith("The council of Ashby met on Monday.")
    assert len(second) == len(ARTICLE)
    assert variant(ARTICLE, 7) == first  # seven sentences: rotation 7 is rotation 0


def test_unique_bodies_never_repeat_and_end_when_rotations_run_out() -> None:
    articles = [("A", ARTICLE), ("B", "One thing. Another thing. A third thing.")]
    bodies = list(unique_bodies(articles))
    assert len(bodies) == 7 + 3
    assert len({b for _t, b in bodies}) == len(bodies)
    assert [t for t, _b in bodies[:4]] == [
        "A",
        "B",
        "A",
        "B",
    ]  # every article's rotation n before rotation n + 1


def test_arrivals_are_a_poisson_stream_at_the_rate() -> None:
    times = arrivals(10.0, 100.0, random.Random(3))
    assert times == sorted(times)
    assert times[0] > 0 and times[-1] < 100.0
    assert 900 < len(times) < 1100
    assert times == arrivals(10.0, 100.0, random.Random(3))


def test_parse_rates() -> None:
    assert parse_rates("4,8, 12") == [4.0, 8.0, 12.0]
    with pytest.raises(argparse.ArgumentTypeError):
        parse_rates("4,0")


def row(rate: float, p95: float, lost: int = 0, not_digests: int = 0) -> dict[str, Any]:
    return {"rate": rate, "p95": p95, "lost": lost, "not_digests": not_digests}


def test_knee_is_the_highest_rate_within_the_bound_with_nothing_lost() -> None:
    rows = [row(4, 0.3), row(8, 0.6), row(12, 1.4), row(16, 1.6), row(20, 9.0, lost=3)]
    assert knee(rows) == 12
    assert knee([row(4, 0.3), row(8, 0.5, lost=1)]) == 4
    assert knee([row(4, 0.3), row(8, 0.5, not_digests=1)]) == 4
    assert knee([row(4, math.nan)]) is None
    assert throughput_line(rows).endswith(": 12 digests/s")
    assert throughput_line([row(4, 2.0)]).endswith(": none of the rates tried")


BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")
def test_tree_cpu_counts_children_of_any_thread_and_those_that_exited() -> None:
    before = tree_cpu_seconds(os.getpid())
    done = subprocess.run([sys.executable, "-c", BURN], check=True)  # exits and is reaped: in our cutime
    assert done.returncode == 0
    started: list[subprocess.Popen[bytes]] = []
    go_on = threading.Event()

    def start_from_a_thread() -> None:
        started.append(
            subprocess.Popen([sys.executable, "-c", BURN + "import sys; sys.stdin.read()"], stdin=-1)
        )
        go_on.wait()

    thread = threading.Thread(target=start_from_a_thread)
    thread.start()
    try:
        while not started:
            go_on.wait(0.01)
        child = started[0]
        assert child.pid in tree_pids(os.getpid())  # a child of the other thread, not of the main one
        while tree_cpu_seconds(child.pid) < 0.25:
            go_on.wait(0.05)
        assert tree_cpu_seconds(os.getpid()) - before >= 0.5
    finally:
        go_on.set()
        thread.join()
        started[0].communicate(b"")


def _reply(chat: int, message_id: int, to: int, text: str, *, to_bot: bool = False) -> Call:
    replied = {"message_id": to, "from": {"id": 7, "is_bot": to_bot}}
    result = {"message_id": message_id, "chat": {"id": chat}, "text": text, "reply_to_message": replied}
    return Call("sendMessage", {}, at=float(message_id), result=result)


def test_a_link_sent_again_is_answered_by_the_pointer_to_its_digest() -> None:
    # Chat 5 sends a popular link (message 1), gets its digest (2), sends the link again (3): the bot answers the
    # second by replying to its own digest, which is the answer to message 3, a digest in effect.
    server = SimpleNamespace(calls=[])
    tracker = Tracker(server)  # type: ignore[arg-type]
    for key in ((5, 1), (5, 3)):
        tracker.sent_at[key], tracker.kind[key] = 0.0, "popular"
    server.calls += [
        _reply(5, 2, 1, "Ferry news\n\n• The ferry runs again."),
        _reply(5, 4, 2, "I summarized this link here less than an hour ago.", to_bot=True),
    ]
    assert tracker.scan() == 0
    assert tracker.is_digest((5, 1)) and tracker.is_digest((5, 3))
    assert tracker.done_at[(5, 3)] == 4.0
