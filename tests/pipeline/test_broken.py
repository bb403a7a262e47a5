"""Broken sentences are never key points: machine-translation debris (a capitalised function word glued inside a
sentence) and lines without a clause, read on the parse of the chosen English sentences only."""

from __future__ import annotations

import pytest
from conftest import FIXTURES_DIR

from bot.pipeline.lang import support_for
from bot.pipeline.summarize import key_points
from bot.pipeline.summarize.broken import is_broken
from bot.pipeline.summarize.parsing import ParseCache, parse


def _doc(sentence: str) -> object:
    docs = parse([sentence])
    assert docs is not None, "the English model ships with the project"
    return docs[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "After the minister visited the port last week, a rare trip As for the new harbour master it was his first.",
        "The fishermen mended their nets on the quay The mayor said the market would reopen soon.",
        "Crowds gathered at the harbour to watch the boats Not content with one parade, the town held another.",
    ],
)
def test_a_capitalised_function_word_glued_mid_sentence_is_broken(sentence: str) -> None:
    assert is_broken(_doc(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "According to a source report in the Harbourton Gazette, the island's weekly paper.",
        "Photos of the storm damage along the northern coast road.",
    ],
)
def test_a_line_without_a_finite_verb_is_broken(sentence: str) -> None:
    assert is_broken(_doc(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "republic of the old kingdom that borders the capital, officials said on Monday.",
        "and the ferry, which had been delayed for hours, finally left the harbour.",
        "which the council later denied in a statement to the local paper.",
    ],
)
def test_the_lower_case_tail_of_a_sentence_cut_in_two_is_broken(sentence: str) -> None:
    assert is_broken(_doc(sentence))
    assert not is_broken(_doc(sentence), cased=False)  # a text written all in lower case has no such tails


@pytest.mark.parametrize(
    "sentence",
    [
        "iPhone sales rose by a fifth in the harbour town's shops.",
        "eBay sellers in the town shipped 400 parcels.",
    ],
)
def test_a_name_written_with_a_small_first_letter_starts_a_whole_sentence(sentence: str) -> None:
    assert not is_broken(_doc(sentence))


def test_a_text_written_all_in_lower_case_still_gets_its_lede() -> None:
    story = "\n\n".join(s.lower() for s in STORY)
    points = key_points(story, support_for("en"), 3)
    assert len(points) == 3 and points[0].startswith("the harbour bridge in port ellery will close")


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor told The Harbourton Gazette that the bridge would reopen in May.",
        "I think the ferry will run again by the summer, the captain said.",
        "The film In Bruges was shown at the harbour cinema on Friday.",
        "The council and the ferry company agreed on a new timetable.",
        "Read the council's notice before you drive to the harbour.",
    ],
)
def test_a_whole_sentence_with_titles_and_names_inside_is_not_broken(sentence: str) -> None:
    assert not is_broken(_doc(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Kessler opened the scoring for the visitors on Saturday night Brandt kicked his third goal after the break.",
        "The ferry company cancelled every crossing this weekend Harbour master Jo Reyes told passengers to stay home.",
        "The mayor said the new quay was ‘the best in the county’ Lena Holt first used the phrase in a speech in 1951.",
        "Volunteers filled sandbags along the flooded promenade Councillor Pat Doyle thanked them in a letter to the paper.",
        "Workers walked out of the factory gates at the end of their last shift Acme announced the closure in March.",
    ],
)
def test_a_caption_run_into_the_next_sentence_without_a_stop_is_broken(sentence: str) -> None:
    assert is_broken(_doc(sentence))
    assert not is_broken(_doc(sentence), cased=False)


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the first time Reyes had visited the harbour since the storm.",
        "The ferry company said passengers should stay home, and Harbour master Jo Reyes agreed with the advice.",
        "The council spent the money Acme raised on a new slipway.",
        "Fishermen on the quay said Brandt would sign the contract next week.",
        "Last night Councillor Pat Doyle thanked the volunteers in a letter to the paper.",
        "The harbour was quiet when Jo Reyes opened the ferry office on Monday.",
        "The crew waited for the tide to turn, but after a while Brandt painted the hull of the boat.",
        "The crew waited on the quay before his deck partner Brandt painted the hull of the boat.",
        # A reported clause without "that", after a phrase of time or place.
        "The harbour master told reporters on Monday night Reyes had ignored the storm warning.",
        "Officials said in a statement Brandt would not race again this season.",
        "The coach insisted after the final whistle Kessler deserved a new contract.",
        # An opening quote is no closing one.
        'The mayor has always insisted "Port Ellery will get its ferry back".',
        'The coach, speaking after the game, was quoted saying "Smith deserves a new contract".',
        # A clause of reason or time without "that" or "when".
        "That is the main reason Reyes turned down the harbour job.",
        "Fans will remember the last minute Brandt scored the winner for years.",
        # The name's clause is the sentence's: a speaker after what was said, a clause of time before it.
        "It was the best crossing of the season Reyes told the Gazette afterwards.",
        "Every time the visitors won a corner near the end Kessler made a vital save.",
        # A conjunction, a hyphen or a clause with no finite verb between.
        "Should either club make an offer Rovers would face a fight to keep their captain.",
        "The skipper was held up at the quay before his long-time deck-hand partner Brandt produced the papers.",
        "Crowds craned their necks to catch a glimpse of street performers Osadia creating hats out of paper.",
        # A relative clause whose to-clause lacks its object.
        "The club has sold the midfielder Chelsea wanted to sign in January.",
    ],
)
def test_a_name_opening_a_joined_or_relative_clause_is_no_seam(sentence: str) -> None:
    assert not is_broken(_doc(sentence))


def test_ordinary_news_sentences_are_not_broken() -> None:
    # Invented sentences of the shapes a seam rule could misread: names after titles, fronted adverbials with no
    # comma, reduced relative clauses, reported speech without "that", quotes, lists.
    sentences = (FIXTURES_DIR / "sentences" / "ordinary.txt").read_text(encoding="utf-8").splitlines()
    assert len(sentences) > 100
    broken = [s for s, doc in zip(sentences, parse(sentences) or [], strict=True) if is_broken(doc)]
    assert broken == []


STORY = [
    "The harbour bridge in Port Ellery will close for six months of repairs from Monday, the city council said.",
    "The harbour bridge repairs will cost £14 million As for the ferry the council will double its crossings.",
    "Drivers will be sent on a 12-mile detour around the bay while the bridge repairs are made.",
    "The ferry between the two harbour piers will run every 20 minutes instead of every hour until the bridge "
    "reopens.",
    "The bridge was opened in 1961 and carries about 30,000 vehicles a day across the harbour.",
    "Engineers found cracks in two of its steel supports during an inspection in the spring.",
]


def test_a_broken_sentence_is_never_a_point_and_another_takes_its_place() -> None:
    text = "\n\n".join(STORY)
    for count in (2, 3, 4):
        points = key_points(text, support_for("en"), count)
        assert not any("As for" in p for p in points), points
        assert len(points) == count


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        (
            "The ferry to Port Ellery was cancelled on Monday. Storm damage.\n\nThe harbour master closed the "
            "slipway until the tide turned. Engineers will inspect the wall on Tuesday.",
            "Storm damage.",
        ),
        (
            "Residents of the lower town moved their cars to the hill. Photos of the flooded square.\n\nThe "
            "school opened its hall to families. Volunteers filled sandbags all night.",
            "Photos of the flooded square.",
        ),
        (
            "The council approved the new sea wall. A rare overseas trip As for the mayor he stayed.\n\nWork "
            "starts in the spring and will take two years. The county pays half the cost.",
            "A rare overseas trip As for the mayor he stayed.",
        ),
    ],
)
def test_a_short_text_that_runs_out_of_whole_sentences_gets_fewer_points_not_a_broken_one(
    text: str, broken: str
) -> None:
    points = key_points(text, support_for("en"), 5)
    assert 1 <= len(points) <= 4
    assert broken not in points


def test_a_text_of_broken_sentences_still_gets_its_points() -> None:
    # Every line lacks a verb: the veto cannot leave fewer points than asked for.
    text = "\n\n".join(
        [
            "Photos of the storm damage along the northern coast road near the old lighthouse.",
            "A view of the harbour wall after the night of the highest tide in forty years.",
            "Boats of the fishing fleet at anchor in the shelter of the inner harbour basin.",
            "The lifeboat crew of Port Ellery on the slipway beside the station in the morning.",
        ]
    )
    assert len(key_points(text, support_for("en"), 3)) == 3


def test_each_sentence_is_parsed_once() -> None:
    cache = ParseCache()
    first = cache.docs(["The ferry was cancelled on Monday.", "The bridge will close."])
    again = cache.docs(["The bridge will close."])
    assert first is not None and again is not None
    assert again[0] is first[1]
