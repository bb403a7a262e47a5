"""The English model multiplies matrices with numpy's matmul, and reads text exactly as stock spaCy does."""

from __future__ import annotations

import numpy
import pytest
import spacy
from thinc.api import NumpyOps

from bot.pipeline.actors.matmul import MatmulOps, use_matmul
from bot.pipeline.actors.ner import load_ner

# Invented: names, places, bodies and verbs in the tenses the actor rules read from the tags.
STORY = (
    "Governor Mara Ellison of Westport signed the harbour bill on Friday, and the Port Authority said it would "
    "begin dredging in March. Critics, including the Fishermen's Union, have warned that the plan ignores the "
    "river delta. Ellison, 52, told reporters in Albany that Norway had offered advice. “We will listen,” she "
    "said, before flying to Oslo to meet Prime Minister Ivar Dahl."
)


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
def test_matmul_ops_multiply_as_thincs_own_ops_do(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(3)
    x = rng.standard_normal((7, 5) if trans1 else (5, 7)).astype("float32")
    y = rng.standard_normal((4, 7) if trans2 else (7, 4)).astype("float32")
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert numpy.allclose(MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2), expected, atol=1e-5)
    out = numpy.zeros((5, 4), dtype="float32")
    returned = MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert returned is out and numpy.allclose(out, expected, atol=1e-5)


def test_every_layer_of_the_english_model_multiplies_with_numpy() -> None:
    nlp = load_ner()
    models = [model for _, pipe in nlp.components if (model := getattr(pipe, "model", None)) is not None]
    layers = [layer for model in models for layer in model.walk()]
    assert layers and all(isinstance(layer.ops, MatmulOps) for layer in layers)
    assert "parser" in dict(
        nlp.components
    )  # disabled for the actors, used on the key points: it has them too


def test_the_english_model_finds_the_same_entities_and_tags_as_stock_spacy() -> None:
    meta = load_ner().meta
    stock = spacy.load(f"{meta['lang']}_{meta['name']}")
    assert not isinstance(stock.get_pipe("ner").model.ops, MatmulOps)
    fast, slow = load_ner()(STORY), stock(STORY)
    assert [(e.text, e.label_) for e in fast.ents] == [(e.text, e.label_) for e in slow.ents]
    assert [t.tag_ for t in fast] == [t.tag_ for t in slow]
    use_matmul(stock)
    assert [(e.text, e.label_) for e in stock(STORY).ents] == [(e.text, e.label_) for e in slow.ents]
