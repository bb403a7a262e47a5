"""Hard-wrapped pages → paragraphs: gaps, short lines, headings, hyphens, page furniture, columns written row by
row."""

from __future__ import annotations

from bot.sources.wrapped import Line, paragraphs, reading_order


def _column(texts: list[str], *, x: float = 60.0, top: float = 700.0, spacing: float = 13.0) -> list[Line]:
    """Lines of one column, one under the other; "" leaves a paragraph's gap (one more line's space)."""
    lines, y = [], top
    for text in texts:
        if text:
            lines.append(Line(text, x, y, 10.0))
        y -= spacing
    return lines


FIRST = [
    "The council voted on Tuesday to build a movable barrier",
    "across the mouth of the old harbour, ending a dispute that",
    "had lasted two years and divided the town.",
]
SECOND = [
    "The barrier will cost about 48 million euros and should be",
    "finished in 2027, the mayor told reporters after the vote.",
]


def test_a_wider_gap_between_lines_ends_a_paragraph() -> None:
    page = _column([*FIRST, "", *SECOND])
    assert paragraphs([page]) == [" ".join(FIRST), " ".join(SECOND)]


def test_without_positions_a_line_that_stopped_short_ends_a_paragraph() -> None:
    plain = [Line(text) for text in [*FIRST, *SECOND]]
    assert paragraphs([plain]) == [" ".join(FIRST), " ".join(SECOND)]


def test_a_full_line_runs_on_into_the_next_page() -> None:
    pages = [_column(FIRST[:2]), _column(FIRST[2:])]  # the sentence breaks across the page
    assert paragraphs(pages) == [" ".join(FIRST)]


def test_a_heading_set_large_is_its_own_paragraph() -> None:
    heading = Line("Harbour barrier approved after two years", 60.0, 730.0, 16.0)
    page = [heading, *_column([*FIRST, "", *SECOND])]
    assert paragraphs([page])[0] == "Harbour barrier approved after two years"


def test_words_split_at_the_margin_are_closed_up_and_real_hyphens_kept() -> None:
    lines = _column(
        [
            "The regional water authority will pay sixty per-",
            "cent of the cost, the harbour levy on cruise ships the",
            "rest. A well-known local builder, Calder & Moss, won the",
            "contract over three rivals from the capital.",
        ]
    )
    (text,) = paragraphs([lines])
    assert "sixty percent of the cost" in text and "well-known" in text


def test_page_numbers_and_running_headers_are_dropped() -> None:
    pages = []
    for number in range(1, 5):
        header = Line("The Elwen Courier — Special report", 60.0, 760.0, 8.0)
        footer = Line(f"Page {number} of 4", 290.0, 30.0, 8.0)
        story = [*FIRST, "", *SECOND] if number % 2 else [*SECOND, "", *FIRST]
        pages.append([header, *_column(story), footer])
    text = " ".join(paragraphs(pages))
    assert "Courier" not in text and "Page" not in text
    assert text.count("the mayor told reporters") == 4 and text.count("divided the town") == 4


def test_columns_written_row_by_row_are_read_column_by_column() -> None:
    left = _column([f"left column line {i} of the story" for i in range(8)], x=60.0)
    right = _column([f"right column line {i} of the story" for i in range(8)], x=320.0)
    interleaved = [line for pair in zip(left, right, strict=True) for line in pair]
    ordered = reading_order(interleaved)
    assert [line.text for line in ordered] == [line.text for line in left + right]
    assert reading_order(left + right) == left + right  # already column by column: left alone
