"""Shorter points: the asides a sentence reads as well without (cuts.py), and the choice of which to cut by the
points' expected F1 (compress.py). Sentences invented for these tests; each test is one class of aside, or one
class of words that must stay."""

from __future__ import annotations

import pytest
from conftest import read_article

from bot.pipeline.lang import support_for
from bot.pipeline.summarize import WHOLE_SENTENCES, key_points
from bot.pipeline.summarize.compress import LONG_POINT, compress
from bot.pipeline.summarize.cuts import cuts, keeps_a_sentence, render
from bot.pipeline.summarize.parsing import parse
from bot.pipeline.summarize.relative import LONG_FINDERS
from bot.pipeline.summarize.wordmodel import WordValue


def _doc(sentence: str) -> object:
    docs = parse([sentence])
    assert docs is not None, "the English model ships with the project"
    return docs[0]


def _shorter(sentence: str) -> set[str]:
    """Every sentence one offered cut leaves."""
    doc = _doc(sentence)
    whole = set(range(len(doc)))  # type: ignore[arg-type]
    return {render(doc, whole - c.tokens) for c in cuts(doc) if keeps_a_sentence(doc, whole - c.tokens)}


@pytest.mark.parametrize(
    ("sentence", "shorter"),
    [
        # an age or a place set off by commas
        ("Ruth Calder, 52, opened the new ferry terminal.", "Ruth Calder opened the new ferry terminal."),
        (
            "Crews at Carrow, a fishing town on the north coast, cleared the flooded harbour.",
            "Crews at Carrow cleared the flooded harbour.",
        ),
        (
            "Jo Reyes, a former ferry pilot, has kept the lighthouse for years.",
            "Jo Reyes has kept the lighthouse for years.",
        ),
        # a place's region, a title after a name
        (
            "The boatyard in Carrow, New Harbour, closed its doors to workers.",
            "The boatyard in Carrow closed its doors to workers.",
        ),
        ("Jo Hart, Harbour Master, said the channel would reopen.", "Jo Hart said the channel would reopen."),
        # a bracket
        (
            "The harbour board (HB) approved the plan to dredge the channel.",
            "The harbour board approved the plan to dredge the channel.",
        ),
        # a leading connective
        (
            "But the ferry company said the crossing would resume soon.",
            "The ferry company said the crossing would resume soon.",
        ),
        (
            "However, the council kept the bridge open to cyclists.",
            "The council kept the bridge open to cyclists.",
        ),
        # the day of a day's news
        (
            "The council voted on Tuesday to close the old bridge.",
            "The council voted to close the old bridge.",
        ),
        (
            "Divers found the missing boat near the pier last night.",
            "Divers found the missing boat near the pier.",
        ),
        # a fronted or a trailing adjunct
        (
            "After a long search along the coast, divers found the missing boat near the pier.",
            "Divers found the missing boat near the pier.",
        ),
        (
            "Rovers beat Harbour Town 2-0 in the cup, scoring twice in the last ten minutes.",
            "Rovers beat Harbour Town 2-0 in the cup.",
        ),
    ],
)
def test_an_aside_a_reader_does_not_miss_is_offered_as_a_cut(sentence: str, shorter: str) -> None:
    assert shorter in _shorter(sentence)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # conditions, stated or as a participle
        ("If the storm returns, the ferry company will cancel every crossing.", "If the storm returns"),
        ("When the tide is high, the lower road floods within minutes.", "When the tide is high"),
        ("Caught early, the harbour disease is easily treated by the vets.", "Caught early"),
        # the other side of the story
        (
            "Supporters called the new harbour law a step forward, while opponents warned it would close the docks.",
            "while opponents warned",
        ),
        # what the claim is about: a relative clause, a year, who says so, quoted words
        ("The law that bans night fishing takes effect in the spring.", "that bans night fishing"),
        ("The new bridge will open to traffic in 2031 after years of delay.", "in 2031"),
        (
            "The harbour lost money last year, according to the port authority.",
            "according to the port authority",
        ),
        (
            'The captain called the crossing "rough, but never dangerous" on the radio.',
            "rough, but never dangerous",
        ),
        # a name apposed to who it is: who it is
        ("The report's author, Dr Jo Reed, said the harbour would flood within a decade.", "Dr Jo Reed"),
        ("One clerk, Pat Reyes Calder, posted the ferry timetable on the quay.", "Pat Reyes Calder"),
        ("Her son, Tom, rowed the ferry across the harbour on his own.", "Tom"),
        # a name a pronoun left behind stands for
        ("When Mayor Calder visited the harbour in the spring, she promised new cranes.", "Mayor Calder"),
        # a cause, a sequence or a scope the news is about
        (
            "Cannabis use rose by a third, from one in ten to one in seven, after the new law.",
            "after the new law",
        ),
        ("Since 2008, the harbour has not had a single year of growth.", "Since 2008"),
        ("Since the merger, the harbour has not had a single year of growth.", "Since the merger"),
        (
            "Under the new pact, no ferry runs when the harbour festival falls on a Sunday.",
            "Under the new pact",
        ),
        ("On the night of the storm – August 30, 1942 – the lighthouse keeper rowed out.", "August 30, 1942"),
        ("A snowstorm caught drivers by surprise, causing a pileup on the coast road.", "causing a pileup"),
        ("Four of the charges were serious, meaning the skipper could go to prison.", "meaning the skipper"),
        (
            "Though the band recorded twenty albums, that one would remain its most popular.",
            "Though the band",
        ),
        ("Protest: the skipper is shown, left, refusing to hand the harbour flag over.", "refusing to hand"),
        # an item of a list the parse took for an aside
        (
            "The company fitted each cabin with a shower, a small lounge and hooks for bicycles, as families asked.",
            "a small lounge",
        ),
        # a day the verb takes, or one that leaves the verb bare
        ("The crew spent Monday repairing the nets on the quay.", "Monday"),
        ("The new ferry to the islands launches today.", "today"),
    ],
)
def test_words_the_claim_needs_are_never_cut(sentence: str, kept: str) -> None:
    assert all(kept in shorter for shorter in _shorter(sentence))


@pytest.mark.parametrize(
    ("sentence", "shorter"),
    [
        (
            "Pat Reyes, 51, a director at the port, resigned on the spot.",
            "Pat Reyes, a director at the port, resigned on the spot.",
        ),
        (
            "Along with her partner Jo Reyes, 28, the skipper sailed around the island.",
            "Along with her partner Jo Reyes, the skipper sailed around the island.",
        ),
    ],
)
def test_a_comma_that_also_bounds_the_next_part_stays(sentence: str, shorter: str) -> None:
    assert shorter in _shorter(sentence)


def _value(rates: dict[str, float]) -> WordValue:
    return WordValue(rates, lambda word: word, point_length=16.0)


POINT = "Ruth Calder, 52, opened the new ferry terminal at Carrow, a fishing town on the north coast."
STORY_WORDS = ("ruth", "calder", "opened", "the", "new", "ferry", "terminal", "at", "carrow")


def test_an_aside_of_words_the_story_is_not_about_is_cut() -> None:
    rates = dict.fromkeys(STORY_WORDS, 1.0)
    assert compress([POINT], [_doc(POINT)], _value(rates)) == [
        "Ruth Calder opened the new ferry terminal at Carrow."
    ]


def test_an_aside_of_words_the_story_is_about_stays() -> None:
    rates = dict.fromkeys((*STORY_WORDS, "fishing", "town", "on", "north", "coast", "a"), 1.0)
    assert compress([POINT], [_doc(POINT)], _value(rates)) == [
        "Ruth Calder opened the new ferry terminal at Carrow, a fishing town on the north coast."
    ]


def test_a_point_without_a_parse_stays_as_it_is() -> None:
    assert compress([POINT], [None], _value(dict.fromkeys(STORY_WORDS, 1.0))) == [POINT]


STORY = "\n\n".join(
    [
        "Ruth Calder, 52, opened the new ferry terminal at Carrow on Tuesday, ending a decade of delays.",
        "However, the harbour board said the first crossings would run only at weekends until the summer.",
        "The terminal cost £40 million and has room for two ferries, the board said.",
        "Fishing families, who opposed the first plan, welcomed the terminal after a new quay was added for "
        "their boats.",
        "The old ferry pier, built in 1931, will become a museum of the town's fishing fleet.",
        "Ticket prices will stay at £4 for a single crossing, and children will travel free.",
    ]
)


@pytest.mark.parametrize("count", [3, 4, 5])
def test_a_compressed_point_is_its_sentences_words_in_order(count: int) -> None:
    support = support_for("en")
    whole = key_points(STORY, support, count, method=WHOLE_SENTENCES)
    short = key_points(STORY, support, count)
    assert len(short) == len(whole)
    for point, sentence in zip(short, whole, strict=True):
        words = iter(sentence.lower().split())
        assert all(word in words for word in point.lower().split()), (point, sentence)


RESCUE = read_article("en-kayak-rescue.txt")


def test_the_whole_sentences_method_keeps_the_asides_the_shortened_points_leave_out() -> None:
    support = support_for("en")
    short, whole = key_points(RESCUE, support, 4), key_points(RESCUE, support, 4, method=WHOLE_SENTENCES)
    assert any("students at the university in Harrowgate" in p for p in whole)
    assert not any("students at the university in Harrowgate" in p for p in short)


def test_points_of_other_languages_are_not_compressed() -> None:
    story = "\n\n".join(
        [
            "Die Fähre nach Carrow, 52 Jahre alt, fährt ab Dienstag wieder, teilte die Hafenbehörde mit.",
            "Die Überfahrt kostet vier Euro, Kinder fahren umsonst.",
            "Der neue Anleger hat 40 Millionen Euro gekostet und bietet Platz für zwei Fähren.",
            "Die Fischer der Stadt begrüßten den Bau, nachdem ein eigener Kai für ihre Boote geplant wurde.",
        ]
    )
    support = support_for("de")
    assert key_points(story, support, 3) == key_points(story, support, 3, method=WHOLE_SENTENCES)


def _shorter_if_long(sentence: str) -> set[str]:
    """Every sentence one cut a long point is offered leaves."""
    doc = _doc(sentence)
    whole = set(range(len(doc)))  # type: ignore[arg-type]
    offered = cuts(doc, LONG_FINDERS)
    return {render(doc, whole - c.tokens) for c in offered if keeps_a_sentence(doc, whole - c.tokens)}


@pytest.mark.parametrize(
    ("sentence", "shorter"),
    [
        (
            "The inn, which will have twenty bedrooms, is being built beside the old harbour wall.",
            "The inn is being built beside the old harbour wall.",
        ),
        (
            "Rovers were knocked out of the cup by Harbour Town, who now face the champions at home.",
            "Rovers were knocked out of the cup by Harbour Town.",
        ),
        (
            "The studio, formerly known as Carrow Martial Arts, has trained the town's children for years.",
            "The studio has trained the town's children for years.",
        ),
    ],
)
def test_a_relative_clause_set_off_by_commas_is_offered_only_to_a_long_point(
    sentence: str, shorter: str
) -> None:
    assert shorter in _shorter_if_long(sentence)
    assert shorter not in _shorter(sentence)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # restrictive: which law
        ("The law that bans night fishing in the bay takes effect in the spring.", "that bans night fishing"),
        # a year says when
        ("The lighthouse, which was first lit in 1868, will close at the end of the season.", "in 1868"),
        # a participle closing the sentence may be the news itself
        ("Divers recovered a wooden chest, filled with coins minted in the town.", "filled with coins"),
        # the place or time of an event is told by the event
        (
            "The ferry was stopped in the harbour, where inspectors found cracks in its hull.",
            "where inspectors",
        ),
        (
            "The harbour office, at which the clerk had worked for ten years, closed its doors.",
            "at which the clerk",
        ),
        # a clause about a thing closing the sentence may be what followed, or the news itself
        (
            "Shares in the ferry company fell after it lost the contract, which wiped millions off its value.",
            "wiped",
        ),
        (
            "Divers found a new kind of small green frog in the marsh, which glows in the dark.",
            "glows in the dark",
        ),
        # after a noun the text introduces, the clause says who it is
        ("A man, who police say set fire to two boats, has been arrested at a house in Carrow.", "set fire"),
        # a decade says when
        (
            "The old ferry, which was built in the 1950s, sank in the harbour during the storm.",
            "in the 1950s",
        ),
        # after a word that is no subject, the words past the second comma may belong to the clause
        (
            "The prize was a big deal to Jo Reyes, who wore her medal all week, instead of the cup she had wanted.",
            "who wore her medal",
        ),
    ],
)
def test_a_long_point_keeps_the_relative_parts_its_claim_needs(sentence: str, kept: str) -> None:
    assert all(kept in shorter for shorter in _shorter_if_long(sentence))


LONG = (
    "The new ferry terminal at Carrow, which the harbour board planned for more than ten years with the help of "
    "three fishing families, opened to passengers and freight with two berths and a cafe."
)
LONG_WORDS = (
    "the",
    "new",
    "ferry",
    "terminal",
    "at",
    "carrow",
    "opened",
    "to",
    "passengers",
    "and",
    "freight",
)


def test_a_long_point_gives_up_its_relative_clause_even_when_the_story_is_about_its_words() -> None:
    # Every word has a rate, so no cut raises the expected F1: the point is cut only for being long.
    rates = dict.fromkeys({w.strip(",.").lower() for w in LONG.split()}, 1.0)
    assert len(LONG.split()) > LONG_POINT
    assert compress([LONG], [_doc(LONG)], _value(rates)) == [
        "The new ferry terminal at Carrow opened to passengers and freight with two berths and a cafe."
    ]


def test_a_point_within_the_length_keeps_a_relative_clause_the_story_is_about() -> None:
    point = "The terminal, which three fishing families planned, opened to passengers."
    rates = dict.fromkeys({w.strip(",.").lower() for w in point.split()}, 1.0)
    assert compress([point], [_doc(point)], _value(rates)) == [point]


def test_a_long_point_is_not_cut_to_less_than_half_its_words() -> None:
    point = (
        "Two harbour clerks were charged with falsifying the ferry records, stating that they had checked every "
        "cabin on the night crossing before the fire broke out in the engine room below."
    )
    rates = dict.fromkeys({w.strip(",.").lower() for w in point.split()}, 1.0)
    assert len(point.split()) > LONG_POINT
    # The trailing clause is offered ("…the ferry records."), but it is most of the point: its news.
    assert "Two harbour clerks were charged with falsifying the ferry records." in _shorter(point)
    assert compress([point], [_doc(point)], _value(rates)) == [point]


def test_a_long_point_gives_up_a_relative_clause_an_aside_inside_it_was_cut_from() -> None:
    point = (
        "The new ferry terminal at Carrow, which was designed by Jo Reed, a local architect, for the harbour board, "
        "will handle both passengers and freight from the spring onwards and employ more than forty people."
    )
    rates = dict.fromkeys({w.strip(",.").lower() for w in point.split()}, 1.0)
    rates.update(dict.fromkeys(("a", "local", "architect"), 0.0))  # the architect is the cheapest aside
    assert len(point.split()) > LONG_POINT
    assert compress([point], [_doc(point)], _value(rates)) == [
        "The new ferry terminal at Carrow will handle both passengers and freight from the spring onwards and employ "
        "more than forty people."
    ]


def test_a_long_point_keeps_an_aside_that_is_more_on_the_story_than_the_rest() -> None:
    point = (
        "The harbour board said on its website that the new crossing — the first direct ferry link between the "
        "islands in forty years — would start running from the spring of next year."
    )
    rates = dict.fromkeys({w.strip(",.").lower() for w in point.split()}, 0.5)
    rates.update(
        dict.fromkeys(("first", "direct", "ferry", "link", "between", "islands", "forty", "years"), 1.0)
    )
    assert len(point.split()) > LONG_POINT
    shorter = (
        "The harbour board said on its website that the new crossing would start running from the spring of next "
        "year."
    )
    assert shorter in _shorter(point)
    assert compress([point], [_doc(point)], _value(rates)) == [point]


def test_a_long_point_keeps_the_names_an_aside_lists() -> None:
    point = (
        "The harbour board said the five ferry operators — Carrow Lines, Tarn Ferries, Brackley Boats, Holm "
        "Shipping and Reyes Marine — had been chosen to run the new crossings from the spring of next year."
    )
    rates = dict.fromkeys(
        {w.strip(",.").lower() for w in point.split()}, 1.0
    )  # no aside is less on the story
    assert compress([point], [_doc(point)], _value(rates)) == [point]
