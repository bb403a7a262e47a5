"""The worker pool with real spawned processes: a job past its deadline, a worker that dies, and the jobs on the
other workers, which go on untouched; the pool is back at full strength each time, every worker initialized."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import wait
from pathlib import Path

import pytest
import workerjobs

from bot.errors import DigestTimeoutError, WorkerError
from bot.workers import BrokenPoolError, RemoteTraceback, WorkerPool

DEADLINE = 1.0  # the trivial jobs here take milliseconds; the stuck one sleeps for an hour
PATIENCE = 60.0  # how long a test waits for what must happen (a worker starting on a busy machine)


@pytest.fixture
def started(tmp_path: Path) -> Path:
    folder = tmp_path / "started"
    folder.mkdir()
    return folder


@pytest.fixture
def pool(started: Path) -> Iterator[WorkerPool]:
    p = WorkerPool(2, timeout=DEADLINE, initializer=workerjobs.record_start, initargs=(str(started),))
    assert p.wait_ready(PATIENCE)
    yield p
    p.shutdown(wait=True, cancel_futures=True)


def _full_and_initialized(pool: WorkerPool, started: Path) -> set[int]:
    """The pool is back at full strength, and every worker in it ran the initializer; their pids."""
    assert pool.wait_ready(PATIENCE)
    pids = set(pool.pids())
    assert len(pids) == pool.size == pool.ready_workers()
    assert pids <= {int(p.name) for p in started.iterdir()}
    return pids


def test_a_job_past_its_deadline_fails_and_its_worker_is_replaced(pool: WorkerPool, started: Path) -> None:
    before = set(pool.pids())
    stuck = pool.submit(workerjobs.sleep_for, 3600)
    with pytest.raises(DigestTimeoutError):
        stuck.result(PATIENCE)
    _, initialized = pool.submit(workerjobs.whoami).result(PATIENCE)  # the pool answers the next job
    assert initialized
    after = _full_and_initialized(pool, started)
    assert len(after - before) == 1  # exactly one worker was replaced: the stuck one


def test_a_worker_that_dies_fails_its_job_and_is_replaced(pool: WorkerPool, started: Path) -> None:
    before = set(pool.pids())
    with pytest.raises(WorkerError) as lost:
        pool.submit(workerjobs.exit_now, 9).result(PATIENCE)
    assert not isinstance(lost.value, DigestTimeoutError)
    assert pool.submit(workerjobs.sleep_for, 0).result(PATIENCE) == 0
    assert len(_full_and_initialized(pool, started) - before) == 1


def test_jobs_on_the_other_worker_survive_a_kill_and_a_death(
    pool: WorkerPool, started: Path, tmp_path: Path
) -> None:
    kills = (lambda: pool.submit(workerjobs.sleep_for, 3600), lambda: pool.submit(workerjobs.exit_now, 9))
    for i, kill in enumerate(kills):
        gate = tmp_path / f"gate-{i}"
        gate.mkdir()
        # No deadline for the survivor: it must outlive the other job's, however slow this machine is.
        survivor = pool.submit_within(None, workerjobs.hold_until, str(gate))
        _wait_for_file(gate / "started")  # it runs on one worker, so the next job goes to the other
        with pytest.raises(WorkerError):
            kill().result(PATIENCE)
        (gate / "release").touch()
        assert survivor.result(PATIENCE) in pool.pids()  # its worker was neither killed nor replaced
        _full_and_initialized(pool, started)


def test_queued_jobs_wait_for_the_replacement_and_are_all_answered(started: Path) -> None:
    pool = WorkerPool(1, timeout=DEADLINE, initializer=workerjobs.record_start, initargs=(str(started),))
    try:
        stuck = pool.submit(workerjobs.sleep_for, 3600)
        queued = [pool.submit(workerjobs.whoami) for _ in range(3)]  # behind the stuck job on the only worker
        done, _ = wait([stuck, *queued], PATIENCE)
        assert len(done) == 4
        assert isinstance(stuck.exception(), DigestTimeoutError)
        answers = [f.result() for f in queued]
        assert all(initialized for _, initialized in answers)
        assert {pid for pid, _ in answers} == set(pool.pids())  # all served by the replacement
    finally:
        pool.shutdown(wait=True)


def test_errors_raised_in_a_worker_arrive_with_their_traceback(pool: WorkerPool) -> None:
    with pytest.raises(ValueError, match="bad input") as raised:
        pool.submit(workerjobs.fail_with, "bad input").result(PATIENCE)
    assert isinstance(raised.value.__cause__, RemoteTraceback)
    assert "fail_with" in str(raised.value.__cause__)
    with pytest.raises(RuntimeError, match="Unpicklable: left right"):  # named, though it can't be rebuilt
        pool.submit(workerjobs.fail_unpicklably).result(PATIENCE)
    assert pool.submit(workerjobs.sleep_for, 0).result(PATIENCE) == 0  # the worker that raised goes on


def test_a_job_that_cannot_be_sent_fails_alone(pool: WorkerPool) -> None:
    with pytest.raises(Exception, match="pickle"):
        pool.submit(lambda: None).result(PATIENCE)  # a lambda cannot reach another process
    assert pool.submit(workerjobs.sleep_for, 0).result(PATIENCE) == 0


def test_workers_that_cannot_start_break_the_pool_with_the_reason(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    pool = WorkerPool(1, timeout=DEADLINE, initializer=workerjobs.record_start, initargs=(str(missing),))
    try:
        job = pool.submit(workerjobs.sleep_for, 0)
        with pytest.raises(BrokenPoolError, match="FileNotFoundError"):
            job.result(PATIENCE)
        assert not pool.wait_ready(PATIENCE)
        with pytest.raises(BrokenPoolError):
            pool.submit(workerjobs.sleep_for, 0)
    finally:
        pool.shutdown(wait=True)


def test_shutdown_lets_running_jobs_finish_and_ends_every_worker(started: Path) -> None:
    pool = WorkerPool(2, timeout=PATIENCE, initializer=workerjobs.record_start, initargs=(str(started),))
    jobs = [pool.submit(workerjobs.sleep_for, 0.2) for _ in range(4)]
    pool.shutdown(wait=True)
    assert [j.result() for j in jobs] == [0.2] * 4
    assert pool.pids() == [] and pool.ready_workers() == 0
    with pytest.raises(RuntimeError, match="after shutdown"):
        pool.submit(workerjobs.sleep_for, 0)


@pytest.mark.parametrize(
    "initializer", [workerjobs.load_numpy, None], ids=["loaded-first", "loaded-by-a-job"]
)
def test_native_thread_pools_run_one_thread_in_each_worker(initializer: Callable[[], None] | None) -> None:
    # Workers are one core's share each: OpenBLAS's own threads in every worker would fight over the cores.
    pool = WorkerPool(2, timeout=PATIENCE, initializer=initializer)
    try:
        threads = pool.submit(workerjobs.native_threads).result(PATIENCE)
    finally:
        pool.shutdown(wait=True)
    assert threads and set(threads) == {1}


def _wait_for_file(path: Path) -> None:
    end = time.monotonic() + PATIENCE
    while not path.exists():
        assert time.monotonic() < end, f"{path.name} never appeared"
        time.sleep(0.01)


def test_a_pool_survives_its_fork_server_dying_and_leaves_no_worker_behind() -> None:
    """The workers' fork server killed (by the out-of-memory killer, say) with a job running: the pool starts a new
    server and new workers, and the old workers, which it can no longer see, are stopped."""
    tests = Path(__file__).parent
    code = "import sys, workerjobs; print(workerjobs.survive_a_dead_fork_server())"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tests, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1:] == ["ok"], done.stdout + done.stderr
