"""Worker processes for the CPU work, kept at full strength: a job past its deadline or a worker that dies costs
that one job, never the pool (see pool.py)."""

from bot.workers.pool import BrokenPoolError, WorkerPool
from bot.workers.process import THREAD_VARIABLES, RemoteTraceback, one_thread_each

__all__ = ["THREAD_VARIABLES", "BrokenPoolError", "RemoteTraceback", "WorkerPool", "one_thread_each"]
