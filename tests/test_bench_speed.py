"""The speed benchmark's page comparison (bench/speed.py) runs newspaper4k offline and tables both sides."""

from __future__ import annotations

import math
import re

from conftest import FIXTURES_DIR

from bench.speed import pages_table


def test_the_page_comparison_times_newspaper4k_and_newsbot_on_each_page_offline() -> None:
    html = (FIXTURES_DIR / "pages" / "article.html").read_bytes()
    pages = [(f"page-{i}", html, "", f"https://news.example.invalid/story-{i}") for i in range(3)]
    table = pages_table(pages)
    assert "3 saved pages" in table and "0 left out" in table
    row = next(line for line in table.splitlines() if line.startswith("| median ms / page"))
    newsbot, newspaper, ratio = (float(x) for x in re.findall(r"\d+(?:\.\d+)?", row)[:3])
    # The ratio is of the unrounded times: within the rounding of the printed ones.
    assert newsbot > 0 and newspaper > 0 and math.isclose(ratio, newsbot / newspaper, rel_tol=0.02)
