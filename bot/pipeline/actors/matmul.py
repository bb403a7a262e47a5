"""thinc's CPU operations with numpy's matrix product, for the spaCy models the pipeline loads.

thinc multiplies matrices with the BLIS library its wheel ships. On a CPU that BLIS build does not know (an
AVX-512 EPYC, for one) it falls back to its generic kernel, 3–4× slower than numpy's OpenBLAS, which picks its
kernel for the CPU at run time; a model's matrix products are about a third of spaCy's NER time. Only the
product changes: every other operation is thinc's own.
"""

from __future__ import annotations

from typing import Any

import numpy
from thinc.api import NumpyOps

__all__ = ["MatmulOps", "use_matmul"]


class MatmulOps(NumpyOps):  # type: ignore[misc]  # thinc's class is compiled and untyped
    """NumpyOps whose `gemm` is numpy's matmul (OpenBLAS)."""

    name = "numpy-matmul"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        """x @ y (x.T, y.T with trans1, trans2), into `out` when given, as NumpyOps.gemm."""
        return numpy.matmul(x.T if trans1 else x, y.T if trans2 else y, out=out)


def use_matmul(nlp: Any) -> None:
    """Every layer of every trained component of the spaCy pipeline multiplies with MatmulOps from now on."""
    ops = MatmulOps()
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops
