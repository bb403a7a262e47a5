"""Imported once by the digest workers' fork server (`bot.service.make_executor`), before it forks any worker.

The models of every language load here, in one process: each worker forked from it shares their pages instead of
loading a copy of its own (about 190 MB a worker with Russian), and a worker that replaces a killed one starts
warm, at once. An import is the one hook a fork server runs, hence the work at import time.
"""

from __future__ import annotations

import contextlib
import gc

from bot.pipeline import load_models
from bot.workers import one_thread_each

one_thread_each()  # before numpy loads its BLAS: the workers inherit one native thread each
# A failure here is not the place to report: each worker loads the models again as it starts, and fails there.
with contextlib.suppress(Exception):
    load_models()
gc.freeze()  # the collector never walks these objects again, so it never writes to (and copies) their pages
