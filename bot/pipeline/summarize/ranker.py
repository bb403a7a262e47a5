"""The trained ranker: two linear sentence scorers blended by a gate, loaded from the package's weights file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from bot.pipeline.summarize.features import FEATURES, ORDER_FEATURES, Analysis
from bot.pipeline.summarize.params import KeyPointParams
from bot.pipeline.summarize.vectors import zscore
from bot.pipeline.summarize.wordmodel import WORD_FEATURES, WORD_POSITION_FEATURES, WordModel

MODEL_FILE = "data/keypoint-weights.json"


@dataclass(frozen=True)
class LinearModel:
    """The trained ranker (bench/train_keypoints.py, tune half only; weights in bot/data).

    Two linear scorers over FEATURES: `ordered` for a text in published order (position is evidence) and
    `content` for one that is not (it finds the lede by what sentences say). A logistic `gate` over
    ORDER_FEATURES says how much to believe the text is in order, and blends the two in-document z-scores.
    """

    ordered: np.ndarray
    content: np.ndarray
    gate: np.ndarray
    gate_sharpness: float
    params: KeyPointParams
    words: WordModel | None = None

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        data = json.loads(text)

        def vector(names: Sequence[str], values: dict[str, float]) -> np.ndarray:
            # Names the file does not know get weight 0, so an older file still loads.
            return np.array([float(values.get(name, 0.0)) for name in names])

        words = None
        if "words" in data:
            w = data["words"]
            words = WordModel(
                ordered=vector((*WORD_FEATURES, *WORD_POSITION_FEATURES), w["ordered"]),
                content=vector(WORD_FEATURES, w["content"]),
                unsure=(float(w["unsure"][0]), float(w["unsure"][1])),
                pool=int(w["pool"]),
                ranker_weight=float(w["ranker_weight"]),
                point_length=float(w["point_length"]),
            )
        return cls(
            ordered=vector(FEATURES, data["ordered"]),
            content=vector(FEATURES, data["content"]),
            gate=vector(ORDER_FEATURES, data["gate"]),
            gate_sharpness=float(data.get("gate_sharpness", 1.0)),
            params=KeyPointParams(**data.get("params", {})),
            words=words,
        )

    def in_order(self, analysis: Analysis) -> float:
        """Probability-like belief that the text is in published order."""
        return float(1.0 / (1.0 + np.exp(-self.gate_sharpness * float(analysis.order @ self.gate))))

    def score(self, analysis: Analysis) -> np.ndarray:
        g = self.in_order(analysis)
        blended: np.ndarray = g * zscore(analysis.features @ self.ordered) + (1.0 - g) * zscore(
            analysis.features @ self.content
        )
        return blended


@cache
def default_model() -> LinearModel | None:
    """The shipped ranker, or None (the hand-made prior is used) if the package file is missing."""
    try:
        text = resources.files("bot").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return LinearModel.from_json(text)
