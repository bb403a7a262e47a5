"""Undoing a page's Content-Encoding by hand, with a bounded output: a small compressed body cannot expand past
the size limit (a compression bomb stops at the limit, not in memory)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from bot.errors import NetworkError, TooLargeError


class BoundedDecoder:
    """Undo Content-Encoding (gzip / deflate, maybe chained) without ever holding more than `limit` bytes."""

    def __init__(self, encodings: Sequence[str], limit: int) -> None:
        self._limit = limit
        self._total = 0
        self._stages: list[_Stage] = []
        for encoding in reversed(encodings):  # applied in order, so undone in reverse
            if encoding in ("gzip", "x-gzip"):
                self._stages.append(_Stage(zlib.MAX_WBITS | 16))
            elif encoding == "deflate":
                self._stages.append(_Stage(zlib.MAX_WBITS, raw_fallback=True))
            elif encoding not in ("identity", ""):
                raise NetworkError(f"The site sent its page in an unsupported encoding ({encoding}).")

    def feed(self, data: bytes) -> bytes:
        for stage in self._stages:
            data = stage.feed(data, self._limit - self._total + 1)
        self._total += len(data)
        if self._total > self._limit:
            raise TooLargeError()
        return data

    def flush(self) -> bytes:
        return self.feed(b"") if self._stages else b""


class _Stage:
    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._wbits = wbits
        self._raw_fallback = raw_fallback
        self._started = False
        self._d = zlib.decompressobj(wbits)

    def feed(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        if not data and self._started and not self._d.eof:
            return self._d.flush()[:budget]
        while data:
            try:
                # max_length bounds the output of each call: this is what stops a compression bomb.
                chunk = self._d.decompress(data, max(1, budget - len(out)))
            except zlib.error:
                if self._raw_fallback and not self._started:
                    # Some servers send raw deflate without the zlib header.
                    self._d = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._raw_fallback = False
                    continue
                raise NetworkError("The site sent a corrupt compressed page.") from None
            self._started = True
            out += chunk
            if len(out) >= budget:
                break  # over budget: the caller raises TooLargeError
            if self._d.eof:
                data = self._d.unused_data  # another gzip member may follow
                if data:
                    self._d = zlib.decompressobj(self._wbits)
                continue
            data = self._d.unconsumed_tail
        return bytes(out)
