"""Counting in Russian: the noun form a number takes (1 слово, 2 слова, 5 слов)."""

from __future__ import annotations


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for a count: 1 слово, 2 слова, 5 слов; 11–14 take `many`, 21 takes `one`."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def ru_count(n: int, one: str, few: str, many: str) -> str:
    """The count with its noun: "1 слово", "5 слов"."""
    return f"{n} {plural_ru(n, one, few, many)}"
