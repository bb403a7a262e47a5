"""The hand-made sentence score's weights and the MMR trade-off (the ranker's parameters)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyPointParams:
    """Weights of the sentence score; chosen by bench/tune_keypoints.py on one half of the news set."""

    position_weight: float = 0.5
    position_decay: float = 4.0  # sentences; the prior is exp(-i / decay)
    centrality_weight: float = 0.6
    forward_weight: float = 1.0  # edges to later sentences
    backward_weight: float = 0.3  # edges to earlier sentences
    edge_threshold: float = 0.1  # fraction of the similarity range below which an edge is ignored
    title_weight: float = 1.0
    min_words: int = 6
    ideal_max_words: int = 45
    story_start_threshold: float = (
        0.2  # the story starts at the first sentence this relevant (chatter before it)
    )
    opener_penalty: float = 0.0  # "He said…", "But…": sentences that need the one before them
    redundancy: float = 0.8  # MMR trade-off
    duplicate_similarity: float = 0.55  # a candidate this similar to a chosen point is never chosen
