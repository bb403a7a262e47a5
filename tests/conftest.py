"""Shared fixtures: where the invented articles live, the optional ../shared data (skipped when absent), and a
web server on loopback (modules that need other pages or another server define their own `server`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tools.loopback_server import LoopbackServer

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
ARTICLES_DIR = FIXTURES_DIR / "articles"
SHARED_DIR = REPO_ROOT.parent / "shared"


def read_article(name: str) -> str:
    """An invented article from tests/fixtures/articles."""
    return (ARTICLES_DIR / name).read_text(encoding="utf-8")


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES_DIR


@pytest.fixture
def articles_dir() -> Path:
    return ARTICLES_DIR


@pytest.fixture
def shared_dir() -> Path:
    """../shared next to the repo; tests that need it are skipped on a clone without it."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"{SHARED_DIR} is not present")
    return SHARED_DIR


@pytest.fixture
async def server() -> AsyncIterator[LoopbackServer]:
    srv = await LoopbackServer().start()
    yield srv
    await srv.stop()
