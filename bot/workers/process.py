"""The worker process's side of the pool: initialize, say so, then run one job at a time from the pipe, each
answered with its result or its error (with the error's traceback as text, for the parent's log)."""

from __future__ import annotations

import os
import pickle
import signal
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

# Each worker is one core's share of the work. A native library's own thread pool (OpenBLAS under numpy, which
# natasha's and spaCy's models use) would start a thread per core in every worker, and the workers' threads then
# fight over the cores: on two cores, two workers digested garbled Russian stories 3.5 times slower that way.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_each() -> None:
    """Native thread pools run one thread in this process: those loaded already, and (through the environment
    they read when loaded) those loaded later."""
    from threadpoolctl import threadpool_limits

    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    threadpool_limits(limits=1)


class RemoteTraceback(Exception):
    """The traceback of an error raised in a worker, attached as the error's cause so the log shows where."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def serve(conn: Connection, initializer: Callable[..., object] | None, initargs: tuple[Any, ...]) -> None:
    """A worker's life: initialize, say so, then run one job at a time until told to stop or the pool is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops the workers itself
    try:
        one_thread_each()
        if initializer is not None:
            initializer(*initargs)
        one_thread_each()  # the initializer may have loaded a library that read no variable
    except BaseException as exc:
        _reply(conn, "failed", exc)
        return
    conn.send(("ready", None, ""))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the pool is gone
        except BaseException as exc:  # a job this process cannot unpickle (a function it can't import)
            _reply(conn, "error", exc)
            continue
        if message is None:
            return
        fn, args, kwargs = message
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:
            _reply(conn, "error", exc)
        else:
            _reply(conn, "ok", result)


def _reply(conn: Connection, status: str, value: Any) -> None:
    tb = ""
    if isinstance(value, BaseException):
        tb = "".join(traceback.format_exception(value))
        value = _portable(value)
    try:
        conn.send((status, value, tb))
    except (EOFError, OSError):
        pass  # the pool is gone; the next recv ends this worker
    except Exception as exc:  # the result could not be pickled
        conn.send(("error", _portable(exc), "".join(traceback.format_exception(exc))))


def _portable(exc: BaseException) -> BaseException:
    """The error itself if the parent can rebuild it from a pickle, else a RuntimeError naming it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
