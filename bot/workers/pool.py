"""A pool of worker processes that keeps its capacity: a job that runs past its deadline has its worker killed and
replaced, a worker that dies is replaced, and the jobs on the other workers go on untouched.

The standard ProcessPoolExecutor can kill no single worker, and marks the whole pool broken when one dies. Here
each worker is one process with a pipe of its own, so the pool knows which job runs where and since when. Workers
are spawned, or (with `preload`) forked from a fork server that imported the preloaded modules once: what those
load (the models) is then in memory once, its pages shared by every worker, and a replaced worker starts warm.
One supervisor thread starts workers (each runs the initializer, e.g. loading the models, before it is given a
job), hands queued jobs to idle workers, reads their results, and watches deadlines and deaths. A job's deadline
counts from the moment a worker takes it: time spent waiting in the queue is not the worker's fault.
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

from bot.errors import DigestTimeoutError, WorkerError
from bot.workers.process import RemoteTraceback, serve

log = logging.getLogger(__name__)

START_ATTEMPTS = 3  # workers failing to start this many times in a row (none started between) break the pool
STOP_GRACE = 5.0  # seconds an idle worker has to exit when asked, before it is killed
START_RETRY_PAUSE = 0.5  # seconds between a worker that could not be started and the next attempt


class BrokenPoolError(RuntimeError):
    """No worker can start (the initializer fails, or the process dies while starting): no job can run."""


@dataclass(eq=False)
class _Job:
    future: Future[Any]
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    timeout: float | None
    running: bool = False  # marked running (it waits again if its worker died as it was handed over)


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    pid: int | None
    conn: Connection
    handle: int | None  # a pidfd: signals reach this process and no other, even once it is out of our sight
    ready: bool = False
    job: _Job | None = None
    deadline: float = 0.0


class WorkerPool(Executor):
    """`workers` processes, each running `initializer(*initargs)` before its first job; every job may run
    `timeout` seconds. A job past it fails with DigestTimeoutError and its worker is killed and replaced; a
    worker that dies fails its job with WorkerError and is replaced. Workers start at once.

    `preload`: modules for the process's one fork server to import before it forks the workers (the first pool
    that starts the server fixes its list). Without it, or with `mp_context`, workers start with that context
    (`spawn` by default: a fresh interpreter, so no lock another thread of this process holds is copied)."""

    def __init__(
        self,
        workers: int,
        *,
        timeout: float,
        initializer: Callable[..., object] | None = None,
        initargs: tuple[Any, ...] = (),
        mp_context: BaseContext | None = None,
        preload: Sequence[str] = (),
    ) -> None:
        self.size = max(1, workers)
        self.timeout = timeout
        self._initializer = initializer
        self._initargs = initargs
        self._ctx: Any = mp_context or _context(preload)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)  # a worker became ready, or the pool stopped
        self._queue: deque[_Job] = deque()
        self._workers: list[_Worker] = []
        self._shutdown = False
        self._stopped = False
        self._broken: BrokenPoolError | None = None
        self._failed_starts = 0
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        self._thread = threading.Thread(target=self._supervise, name="worker-pool", daemon=True)
        self._thread.start()

    # --- the public face -------------------------------------------------------------------------------------

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self.submit_within(self.timeout, fn, *args, **kwargs)

    def submit_within(
        self, timeout: float | None, fn: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> Future[Any]:
        """`submit` with the job's own deadline in seconds; None: no deadline (work that must not be cut)."""
        with self._lock:
            if self._broken is not None:
                raise BrokenPoolError(str(self._broken))
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future: Future[Any] = Future()
            self._queue.append(_Job(future, fn, args, kwargs, timeout))
            self._wake()
            return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Take no more jobs; let the running (and, unless `cancel_futures`, the queued) ones finish or reach
        their deadline; then stop the workers."""
        with self._lock:
            self._shutdown = True
            if cancel_futures:  # a job handed back after its worker died at once is running: it stays
                for job in [j for j in self._queue if not j.running]:
                    job.future.cancel()
                    self._queue.remove(job)
            self._wake()
        if wait:
            self._thread.join()

    def ready_workers(self) -> int:
        """How many workers are started and able to take a job now."""
        with self._lock:
            return sum(1 for w in self._workers if w.ready)

    def pids(self) -> list[int]:
        """The process ids of the workers, started or starting."""
        with self._lock:
            return [w.pid for w in self._workers if w.pid is not None]

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until every worker is ready (True), or the pool stopped, broke or `timeout` passed (False)."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._stopped or self._broken is not None or self._count_ready() == self.size, timeout
            )
            return not self._stopped and self._count_ready() == self.size

    # --- the supervisor thread -------------------------------------------------------------------------------

    def _supervise(self) -> None:
        try:
            while self._step():
                pass
        except BaseException as exc:  # a bug here must not leave callers waiting forever
            log.exception("the worker pool's supervisor failed")
            self._break(BrokenPoolError(f"the worker pool failed: {exc!r}"))
        finally:
            self._stop_workers()

    def _step(self) -> bool:
        """One round: start workers, hand out jobs, wait for something to happen, handle it. False: done."""
        self._start_workers()
        self._dispatch()
        with self._lock:
            busy = [w for w in self._workers if w.job is not None]
            if self._shutdown and not self._queue and not busy:
                return False
            watched: list[Any] = [self._wake_read]
            for w in self._workers:
                watched += [w.conn, w.process.sentinel]
        deadline = min((w.deadline for w in busy), default=math.inf)
        ready = wait(watched, None if deadline == math.inf else max(0.0, deadline - time.monotonic()))
        if self._wake_read in ready:
            with contextlib.suppress(BlockingIOError):
                while os.read(self._wake_read, 4096):
                    pass
        for w in list(self._workers):
            if w.conn in ready:
                self._receive(w)
        for w in list(self._workers):
            if w.process.sentinel in ready and w in self._workers:
                self._lost(w)
        self._expire(time.monotonic())
        return True

    def _start_workers(self) -> None:
        with self._lock:
            wanted = self.size - len(self._workers)
            if self._broken is not None or (self._shutdown and not self._queue):
                wanted = 0
        for _ in range(wanted):
            parent, child = self._ctx.Pipe()
            process = self._ctx.Process(
                target=serve,
                args=(child, self._initializer, self._initargs),
                name="digest-worker",
                daemon=True,
            )
            try:
                process.start()
            except (OSError, EOFError) as exc:  # no memory or process slots left, or the fork server is gone
                parent.close()
                self._start_failed(exc, "")
                # A fork server that has just died is started again only once it can be reaped: give it time.
                time.sleep(START_RETRY_PAUSE)
                return
            finally:
                child.close()
            with self._lock:
                self._workers.append(_Worker(process, process.pid, parent, _handle(process.pid)))

    def _dispatch(self) -> None:
        """Give queued jobs to idle workers; the deadline starts as the worker takes the job."""
        while True:
            with self._lock:
                idle = next((w for w in self._workers if w.ready and w.job is None), None)
                if idle is None or not self._queue or self._broken is not None:
                    return
                job = self._queue.popleft()
            if not job.running and not job.future.set_running_or_notify_cancel():
                continue  # cancelled while it waited
            job.running = True
            try:
                idle.conn.send((job.fn, job.args, job.kwargs))
            except (EOFError, OSError):  # the worker has just died: the job never started, so it waits again
                with self._lock:
                    self._queue.appendleft(job)
                self._lost(idle)
                continue
            except Exception as exc:  # the job cannot be pickled
                job.future.set_exception(exc)
                continue
            with self._lock:
                idle.job = job
                idle.deadline = math.inf if job.timeout is None else time.monotonic() + job.timeout

    def _receive(self, w: _Worker) -> None:
        try:
            status, value, tb = w.conn.recv()
        except (EOFError, OSError):
            self._lost(w)
            return
        except Exception as exc:  # a result or an error this process cannot rebuild
            status, value, tb = "error", exc, ""
        if status == "ready":
            with self._changed:
                w.ready = True
                self._failed_starts = 0
                self._changed.notify_all()
            return
        if status == "failed":
            self._remove(w)
            self._start_failed(value, tb)
            return
        job, w.job = w.job, None
        if job is None:
            return
        if status == "ok":
            job.future.set_result(value)
        else:
            if tb:
                value.__cause__ = RemoteTraceback(tb)
            job.future.set_exception(value)

    def _lost(self, w: _Worker) -> None:
        """A worker that died: its job (if any) is answered, and a new worker will take its place."""
        code = self._remove(w)
        if not w.ready:
            self._start_failed(RuntimeError(f"a worker exited with code {code} while starting"), "")
            return
        job, w.job = w.job, None
        if job is not None:
            log.warning("worker %s died (exit code %s) during a job; starting another", w.pid, code)
            job.future.set_exception(WorkerError())
        else:
            log.warning("worker %s died (exit code %s) while idle; starting another", w.pid, code)

    def _expire(self, now: float) -> None:
        """Kill the workers whose job ran past its deadline; their callers hear DigestTimeoutError."""
        with self._lock:
            late = [w for w in self._workers if w.job is not None and w.deadline <= now]
        for w in late:
            job, w.job = w.job, None
            limit = job.timeout if job is not None else None
            log.warning("worker %s: a job ran past %s s; killing it and starting another", w.pid, limit)
            w.process.kill()
            self._remove(w)
            if job is not None:
                job.future.set_exception(DigestTimeoutError())

    def _remove(self, w: _Worker) -> int | None:
        """Take a worker out of the pool, its process ended (killed if it doesn't end by itself); its exit code."""
        with self._changed:
            self._workers.remove(w)
            self._changed.notify_all()
        w.process.join(STOP_GRACE)
        if w.process.is_alive():
            w.process.kill()
            w.process.join()
        code = w.process.exitcode
        if w.handle is not None:
            # A worker forked by a fork server that died reads as ended (its exit status came through the server)
            # while it may still run its job: end it for certain.
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(w.handle, signal.SIGKILL)
            os.close(w.handle)
        w.conn.close()
        w.process.close()
        return code

    def _start_failed(self, exc: BaseException, tb: str) -> None:
        self._failed_starts += 1
        if self._failed_starts < START_ATTEMPTS:
            log.warning("a worker failed to start (%s); starting another", exc)
            return
        broken = BrokenPoolError(f"the workers cannot start: {type(exc).__name__}: {exc}")
        broken.__cause__ = RemoteTraceback(tb) if tb else exc
        log.error("%s", broken, exc_info=broken)
        self._break(broken)

    def _break(self, broken: BrokenPoolError) -> None:
        """No more jobs will start: the queued ones fail now; the running ones still finish."""
        with self._changed:
            self._broken = broken
            jobs = list(self._queue)
            self._queue.clear()
            self._changed.notify_all()
        for job in jobs:
            if job.running or job.future.set_running_or_notify_cancel():
                job.future.set_exception(broken)

    def _stop_workers(self) -> None:
        with self._lock:
            workers = list(self._workers)
        for w in workers:
            if w.ready and w.job is None:
                with contextlib.suppress(OSError):
                    w.conn.send(None)
            else:
                w.process.kill()  # still loading, or (after a supervisor failure) mid-job
        for w in workers:
            self._remove(w)
            if w.job is not None:  # only after a supervisor failure
                w.job.future.set_exception(WorkerError())
        with self._changed:
            self._stopped = True
            os.close(self._wake_read)
            os.close(self._wake_write)
            self._changed.notify_all()

    # --- helpers ---------------------------------------------------------------------------------------------

    def _wake(self) -> None:
        """Wake the supervisor (called with the lock held, so the pipe is never written after it is closed)."""
        if not self._stopped:
            with contextlib.suppress(BlockingIOError):  # a full pipe: a wake-up is already pending
                os.write(self._wake_write, b"\0")

    def _count_ready(self) -> int:
        return sum(1 for w in self._workers if w.ready)


def _handle(pid: int | None) -> int | None:
    """A pidfd for the process (Linux 5.3 and later), or None where there is none."""
    try:
        return os.pidfd_open(pid) if pid is not None else None
    except (AttributeError, OSError):
        return None


def _context(preload: Sequence[str]) -> BaseContext:
    """`spawn`, or with modules to preload the fork server: it is one fresh process forked from no thread of
    ours (forking it is safe), and the workers it forks share the pages of what it loaded (copy-on-write)."""
    if not preload:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return context
