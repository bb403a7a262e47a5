"""Jobs and initializers for tests of the worker pool. They live in a module of their own because a spawned
worker imports a job's function by its module and name: a function inside a test could not be sent."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from bot.model import Article, Digest

STALL_MARKER = "(this text stalls its worker)"

_initialized = False


def record_start(folder: str) -> None:
    """An initializer: leaves a file named for this worker's pid, so a test sees which workers initialized."""
    global _initialized
    Path(folder, str(os.getpid())).touch()
    _initialized = True


def whoami() -> tuple[int, bool]:
    """This worker's pid, and whether its initializer ran before it took a job."""
    return os.getpid(), _initialized


def sleep_for(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def exit_now(code: int) -> None:
    """The worker dies at once, as if the out-of-memory killer had taken it."""
    os._exit(code)


def hold_until(folder: str) -> int:
    """Say 'started' (a file), then run until the test leaves a 'release' file; this worker's pid."""
    Path(folder, "started").touch()
    while not Path(folder, "release").exists():
        time.sleep(0.01)
    return os.getpid()


def fail_with(message: str) -> None:
    raise ValueError(message)


class Unpicklable(Exception):
    def __init__(self, a: str, b: str) -> None:  # two arguments: a pickle of it cannot be rebuilt
        super().__init__(f"{a} {b}")


def fail_unpicklably() -> None:
    raise Unpicklable("left", "right")


def warm_and_stall_on_marker() -> None:
    """An initializer for a digest worker: the models loaded as in production, then a digest of a text with
    STALL_MARKER never ends in this process (a stand-in for an input that hangs the pipeline)."""
    import bot.service  # here, not above: the pool's own tests need no pipeline in their workers

    bot.service.warm_worker()
    real = bot.service._make_digest

    def stalling(article: Article, *args: Any, **kwargs: Any) -> Digest:
        while STALL_MARKER in article.text:
            time.sleep(1)
        return real(article, *args, **kwargs)

    bot.service._make_digest = stalling  # type: ignore[assignment]  # the pool looks the job up by name here


def load_numpy() -> None:
    """An initializer that loads a native thread pool (OpenBLAS, under numpy), as loading the models does."""
    import numpy  # noqa: F401


def native_threads() -> list[int]:
    """How many threads each native thread pool in this worker runs (numpy's loaded now if it was not yet)."""
    import numpy  # noqa: F401
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info()]


def how_models_came() -> tuple[int, bool, bool]:
    """This worker's parent process id, whether the models were loaded before its own initializer ran, and
    whether the Russian ones are among them (natasha is imported only to load them)."""
    import sys

    from bot.pipeline import load_models

    # The initializer's call found them loaded.
    return os.getppid(), load_models.cache_info().hits > 0, "natasha" in sys.modules


def parent_pid() -> int:
    """The process that started this worker (the fork server, for a pool that preloads)."""
    return os.getppid()


def survive_a_dead_fork_server() -> str:
    """Run in a fresh interpreter (the fork server is one per process): a preloading pool whose fork server is
    killed, with one worker busy. Returns "ok" once the pool is whole again with new workers and the old ones are
    gone, else what went wrong."""
    import signal

    from bot.workers import WorkerPool

    pool = WorkerPool(2, timeout=60, preload=("workerjobs",))
    try:
        if not pool.wait_ready(60):
            return "the pool never started"
        old = set(pool.pids())
        server = pool.submit(parent_pid).result(timeout=30)
        busy = pool.submit(sleep_for, 3600)  # a worker in the middle of a long job when the server dies
        time.sleep(0.5)
        os.kill(server, signal.SIGKILL)
        try:
            busy.result(timeout=30)
            return "the busy worker's job was answered as if nothing happened"
        except Exception:  # WorkerError: its worker is lost to the pool
            pass
        if not pool.wait_ready(60):
            return "the pool did not start new workers"
        answered = {pool.submit(whoami).result(timeout=30)[0] for _ in range(6)}
        if answered & old:
            return f"old workers answered: {sorted(answered & old)}"
        deadline = time.monotonic() + 10
        while (alive := {p for p in old if _running(p)}) and time.monotonic() < deadline:
            time.sleep(0.1)
        return f"old workers still running: {sorted(alive)}" if alive else "ok"
    finally:
        pool.shutdown(wait=True)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False
