"""Small vector helpers of the ranker and the word model (numpy arrays in and out)."""

from __future__ import annotations

import numpy as np


def zscore(v: np.ndarray) -> np.ndarray:
    spread = float(v.std())
    out: np.ndarray = (v - v.mean()) / spread if spread > 0 else v - v.mean()
    return out


def unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    out: np.ndarray = v / norm if norm > 0 else v
    return out


def unit_max(v: np.ndarray) -> np.ndarray:
    top = float(v.max()) if v.size else 0.0
    out: np.ndarray = v / top if top > 0 else v
    return out


def percentile(v: np.ndarray) -> np.ndarray:
    """Each value's rank in [0, 1] (1 = highest); ties share the lower rank."""
    n = len(v)
    if n < 2:
        return np.ones(n)
    ranks = np.searchsorted(np.sort(v), v, side="left")
    out: np.ndarray = ranks / (n - 1)
    return out


def normalize_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalized: np.ndarray = x / norms
    return normalized
