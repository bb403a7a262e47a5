"""Shared fixtures: where the invented articles live, and the optional ../shared data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
