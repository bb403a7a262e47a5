"""Key points: how many, in which order, no repeats, whole sentences, other languages, and bounded cost."""

from __future__ import annotations

import json
import random
import re

import numpy as np
import pytest
from conftest import read_article

from bot.model import Article, Digest
from bot.pipeline.clean import clean_text
from bot.pipeline.digest import make_digest, split_title
from bot.pipeline.lang import detect_language, support_for
from bot.pipeline.summarize import (
    FEATURES,
    MAX_CANDIDATES,
    MAX_PARSE_CHARS,
    MAX_POINT_CHARS,
    ORDER_FEATURES,
    WORD_FEATURES,
    WORD_POSITION_FEATURES,
    KeyPointSummarizer,
    LinearModel,
    WordInputs,
    WordModel,
    candidates,
    default_model,
    expected_overlap,
    key_points,
    parse,
    point_tokens,
    stemmer_for,
    stop_words_for,
    tokenizer_for,
    trim_point,
    word_table,
)
from bot.pipeline.summarize.quotes import _unattributed_quotes

ENGLISH = "en-near-duplicates.txt"


def _body(name: str) -> tuple[str | None, str]:
    return split_title(clean_text(read_article(name)))


def _digest(name: str, points: int = 4) -> Digest:
    return make_digest(Article(text=read_article(name)), points=points)


def _sentences(body: str) -> list[str]:
    return [s for p in body.split("\n\n") for s in re.split(r"(?<=[.!?])\s+", p) if s]


def test_default_is_between_three_and_five_points() -> None:
    assert 3 <= len(_digest(ENGLISH).key_points) <= 5


@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_number_of_points_is_configurable(count: int) -> None:
    assert len(_digest(ENGLISH, points=count).key_points) == count


def test_points_are_whole_sentences_of_the_article_in_article_order() -> None:
    _, body = _body(ENGLISH)
    sentences = _sentences(body)
    points = _digest(ENGLISH, points=5).key_points

    def source(point: str) -> int:  # a point is a whole sentence, or one without its attribution tail
        if point in sentences:
            return sentences.index(point)
        (index,) = [i for i, s in enumerate(sentences) if s.startswith(point.rstrip(".") + ",")]
        return index

    indices = [source(p) for p in points]  # ValueError if a point is neither
    assert indices == sorted(indices)


def test_near_duplicate_sentences_give_one_point() -> None:
    points = _digest(ENGLISH, points=5).key_points
    about_closures = [p for p in points if "two hundred schools" in p]
    assert len(about_closures) == 1
    assert len(set(points)) == len(points)


def test_title_is_not_a_key_point() -> None:
    d = _digest(ENGLISH)
    assert d.title == "Storm Closes Schools Across the Northern Valley"
    assert d.title not in d.key_points


def test_long_sentence_is_trimmed_at_a_clause_boundary_with_an_ellipsis() -> None:
    clauses = [
        f"the {w} committee met on the {n} floor of the old town hall"
        for w, n in [
            ("finance", "first"),
            ("housing", "second"),
            ("transport", "third"),
            ("schools", "fourth"),
            ("harbour", "fifth"),
            ("parks", "sixth"),
            ("health", "seventh"),
            ("culture", "eighth"),
        ]
    ]
    sentence = "On Monday " + ", ".join(clauses) + "."
    assert len(sentence) > MAX_POINT_CHARS
    trimmed = trim_point(sentence)
    assert trimmed.endswith("…")
    assert len(trimmed) <= MAX_POINT_CHARS
    assert sentence.startswith(trimmed.removesuffix("…"))
    assert sentence[len(trimmed) - 1 : len(trimmed) + 1] == ", "  # cut where a clause ends


def test_short_sentence_is_not_trimmed() -> None:
    assert trim_point("The ferry left at six.") == "The ferry left at six."


def test_news_agency_dateline_is_dropped_from_a_point() -> None:
    assert trim_point("PORT ELLERY (Reuters) -- The ferry left at six.") == "The ferry left at six."


def test_a_bare_label_or_a_two_word_line_is_never_a_point() -> None:
    text = (
        "Watch the video:\n\n"
        "The harbour ferry returned to service on Monday after a month of repairs to its engines.\n\n"
        "Pictured:\n\n"
        "Hundreds of commuters queued on the quay to board the first crossing of the morning.\n\n"
        "Great news!\n\n"
        "The operator said the repaired engines would cut the crossing time by ten minutes.\n\n"
        "Watch the video:\n\n"
        "The council has promised a second ferry for the summer season if demand stays high."
    )
    points = key_points(text, support_for("en"), 3, title="Harbour ferry back in service")
    assert len(points) == 3
    assert not any(p.endswith(":") or len(p.split()) < 3 for p in points)


def test_a_quote_that_does_not_name_its_speaker_is_never_a_point() -> None:
    text = (
        "'We will not close a single branch while I run this library service,' she said.\n\n"
        "The county council voted on Tuesday to close four of its eleven public libraries by next spring.\n\n"
        "'It is a sad day for every reader in the county.\n\n"
        "Children will lose the only quiet place they have to study,' said librarian Ruth Okafor.\n\n"
        "The council said the closures would save almost two million pounds over three years.\n\n"
        "'We had no choice,' he added.\n\n"
        "Campaigners plan to challenge the decision in the High Court next month."
    )
    points = key_points(text, support_for("en"), 3, title="Council votes to close four libraries")
    assert len(points) == 3
    assert not any("she said" in p or "he added" in p or p.startswith("'It is") for p in points)


def test_the_writers_own_question_is_never_a_point_but_a_quoted_one_can_be() -> None:
    text = (
        "So who will pay for the new bridge?\n\n"
        "The city approved a new bridge over the Tamar on Monday at a cost of ninety million pounds.\n\n"
        "Residents asked the mayor at a packed meeting: 'Why should we pay for it?'\n\n"
        "The government will pay two thirds of the cost and the city the rest."
    )
    points = key_points(text, support_for("en"), 3, title="City approves Tamar bridge")
    assert "So who will pay for the new bridge?" not in points
    assert any(p.startswith("Residents asked") for p in points)


def test_a_quote_whose_speaker_the_sentence_names_can_be_a_point() -> None:
    text = (
        "'The river rose faster than anyone had forecast,' fire chief Dana Whitlock told reporters.\n\n"
        "'I have never seen water like it,' she said.\n\n"
        "Volunteers filled sandbags through the night."
    )
    points = key_points(text, support_for("en"), 2)
    assert points[0].startswith("'The river rose")
    assert not any("she said" in p for p in points)


@pytest.mark.parametrize(
    ("sentences", "unattributed"),
    [
        (["“He called the plan ‘silly’,” she said.", "The players' fans cheered."], [True, False]),
        (["„Wir schaffen das“, sagte Merkel.", "„Wir schaffen das“, sagte sie."], [False, True]),
        (["«Мы не отступим», — сказал он.", "Песков заявил об этом."], [True, False]),
        (
            ["Clarke said: 'We were poor.", "Second half we tried.", "We go again.'", "Reading lost."],
            [False, True, True, False],
        ),
        (["The '90s were loud, he said.", "It's fine, isn't it?"], [False, False]),
        (["But he replied: 'I don't know.'", "Coach Ana Ruiz said: 'We improved.'"], [True, False]),
        (["EXPERT VERDICT: 'A gimmick.", "It smells nice.'", "The lotion costs £12."], [True, True, False]),
    ],
)
def test_quotations_are_followed_across_sentences_and_quote_styles(
    sentences: list[str], unattributed: list[bool]
) -> None:
    assert _unattributed_quotes(sentences) == unattributed


def test_a_text_of_short_lines_gets_its_lines_with_a_verb() -> None:
    text = "Ferry back.\n\nEngines fixed.\n\nQueues long.\n\nCouncil pleased."
    points = key_points(text, support_for("en"), 3)
    assert points and not {"Ferry back.", "Queues long."} & set(points)


@pytest.mark.parametrize(
    ("name", "code", "word"),
    [
        ("fr-greve-transports.txt", "fr", "grève"),
        ("de-hochwasser.txt", "de", "Regen"),
        ("es-sequia.txt", "es", "sequía"),
        ("ru-zavod.txt", "ru", "завод"),
    ],
)
def test_other_languages_are_detected_and_summarized_in_their_language(
    name: str, code: str, word: str
) -> None:
    d = _digest(name)
    assert d.language == code
    assert 3 <= len(d.key_points) <= 5
    _, body = _body(name)
    assert all(p in body for p in d.key_points)
    assert word in d.text


@pytest.mark.parametrize(("code", "stemmer"), [("fr", "french"), ("de", "german"), ("es", "spanish")])
def test_languages_with_sumy_support_use_its_stemmer_and_stop_words(code: str, stemmer: str) -> None:
    support = support_for(code)
    assert support.full
    assert support.stemmer == stemmer
    assert stemmer_for(support) is not None
    assert stop_words_for(support)


def test_language_without_sumy_support_falls_back_and_says_so() -> None:
    d = _digest("id-banjir.txt")
    assert d.language == "id"
    assert not support_for("id").full
    assert 3 <= len(d.key_points) <= 5
    assert any("Indonesian" in note for note in d.extra["notes"])


def test_short_text_language_detection_uses_the_default() -> None:
    assert detect_language("Oui.") == ("en", 0.0)


def _big_text(chars: int) -> str:
    """A long invented report: varied sentences, so cleaning keeps them (it drops repeats)."""
    rng = random.Random(7)
    subjects = ["The council", "Mayor Dana Okafor", "The harbour board", "Engineers", "Residents", "Police"]
    verbs = ["approved", "rejected", "delayed", "questioned", "welcomed", "funded", "inspected"]
    objects = [
        "the new bridge",
        "cheaper buses",
        "repairs to the sea wall",
        "a flood study",
        "the school budget",
    ]
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(
            f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} at meeting {rng.randint(1, 10**7)}, "
            f"officials said."
            for _ in range(3)
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def test_megabyte_input_gets_a_digest() -> None:
    d = make_digest(Article(text=_big_text(1_000_000)), points=5)
    assert len(d.key_points) == 5
    assert d.words > 100_000


def test_parser_sees_a_bounded_prefix() -> None:
    document = parse(_big_text(MAX_PARSE_CHARS * 2), support_for("en"))
    assert sum(len(str(s)) + 1 for s in document.sentences) <= MAX_PARSE_CHARS


def test_summarizer_scores_at_most_max_candidates_sentences() -> None:
    support = support_for("en")
    document = parse(_big_text(MAX_CANDIDATES * 300), support)
    assert len(document.sentences) > MAX_CANDIDATES * 2
    summarizer = KeyPointSummarizer(stemmer_for(support), stop_words_for(support))
    chosen = summarizer(document, 5)
    candidates = {id(s) for s in document.sentences[:MAX_CANDIDATES]}
    assert len(chosen) == 5
    assert all(id(s) in candidates for s in chosen)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        key_points("The ferry left at six. It was full.", support_for("en"), method="nope")


@pytest.mark.parametrize("method", ["lead", "lexrank", "textrank", "lsa", "luhn"])
def test_comparison_methods_return_sentences_of_the_text(method: str) -> None:
    _, body = _body(ENGLISH)
    points = key_points(body, support_for("en"), 3, method=method)
    assert len(points) == 3
    assert all(p in body for p in points)


STORY_TITLE = "Harbour bridge in Port Ellery to close for six months of repairs"
STORY = [
    "The harbour bridge in Port Ellery will close for six months of repairs from Monday, the city council said.",
    "Engineers found cracks in two of the bridge's steel supports during an inspection in March.",
    "Drivers will be sent on a 12-mile detour through the industrial estate while the repairs are made.",
    "'We know this is hard for people who cross every day,' said Mayor Dana Okafor.",
    "She said the ferry would run every 20 minutes instead of every hour until the bridge reopens.",
    "Local shops near the bridge fear they will lose customers during the works.",
    "One baker said takings had already fallen since the first warning signs went up.",
    "The repairs will cost £14 million, paid for by a government grant and the city's own budget.",
    "The bridge was opened in 1961 and carries about 30,000 vehicles a day.",
    "A public meeting about the closure will be held at the town hall on Thursday evening.",
]

LEDE_POINT = (
    STORY[0].removesuffix(", the city council said.") + "."
)  # as a point: without the attribution tail


def _points(paragraphs: list[str]) -> list[str]:
    return key_points("\n\n".join(paragraphs), support_for("en"), 3, title=STORY_TITLE)


def test_shipped_ranker_loads_from_the_package() -> None:
    model = default_model()
    assert model is not None
    assert model.content.shape == (len(FEATURES),)
    assert model.gate.shape == (len(ORDER_FEATURES),)
    assert np.isfinite(model.content).all() and np.isfinite(model.ordered).all()


def test_ranker_file_ignores_features_it_does_not_know_and_zeroes_missing_ones() -> None:
    text = json.dumps(
        {"gate": {"bias": 1.0, "no_such": 5.0}, "ordered": {"prior": 1.0}, "content": {"title": 2.0}}
    )
    model = LinearModel.from_json(text)
    assert model.gate[ORDER_FEATURES.index("bias")] == 1.0
    assert model.content[FEATURES.index("title")] == 2.0
    assert model.content.sum() == 2.0


def test_story_in_order_leads_with_its_lede() -> None:
    assert _points(STORY)[0] == LEDE_POINT


def test_lede_is_found_by_content_when_paragraphs_are_reordered() -> None:
    for seed in range(3):
        shuffled = STORY[:]
        random.Random(seed).shuffle(shuffled)
        assert LEDE_POINT in _points(shuffled), seed


def test_lede_is_found_after_chatter() -> None:
    chatter = "Morning all, thanks for the messages this week. Grab a coffee, here is today's story."
    points = _points([chatter, *STORY[1:3], STORY[0], *STORY[3:]])
    assert LEDE_POINT in points
    assert not any("coffee" in p for p in points)


def test_text_in_order_is_believed_more_in_order_than_reversed() -> None:
    support = support_for("en")
    model = default_model()
    assert model is not None
    summarizer = KeyPointSummarizer(stemmer_for(support), stop_words_for(support), model=model)

    def belief(paragraphs: list[str]) -> float:
        sentences = list(parse("\n\n".join(paragraphs), support).sentences)
        analysis = summarizer.analyse([str(s) for s in sentences], [s.words for s in sentences], STORY_TITLE)
        return model.in_order(analysis)

    assert belief(STORY) > belief(STORY[::-1])


def _sentences_of(text: str) -> list[str]:
    return [str(s) for s in parse(text, support_for("en")).sentences]


def test_caption_glued_before_a_quote_becomes_its_own_sentence() -> None:
    text = (
        "The harbour ferry will restart its winter timetable on Monday after a month of repairs. "
        "The repaired ferry leaves the dock at Port Alder on its first trial run "
        "‘We are proud of the crew and the yard for the work they did,’ said the operator."
    )
    assert _sentences_of(text)[1:] == [
        "The repaired ferry leaves the dock at Port Alder on its first trial run",
        "‘We are proud of the crew and the yard for the work they did,’ said the operator.",
    ]


def test_caption_label_glued_mid_sentence_is_split_and_scroll_prompt_dropped() -> None:
    text = (
        "Scroll down for video New stop: The bakery chain is opening a second shop in the old mill "
        "Queue forms: Hundreds of people waited outside the first shop when it opened last spring."
    )
    assert _sentences_of(text) == [
        "New stop: The bakery chain is opening a second shop in the old mill",
        "Queue forms: Hundreds of people waited outside the first shop when it opened last spring.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The singer and her manager Tom 'Big Red' Lane have cancelled the rest of the summer tour dates.",
        "The airline praised its scheme of 'Every Seat Can Be Booked Today' in a statement on its site.",
        "He said “We will keep going until the job is finished,” before leaving.",
    ],
)
def test_inline_quotes_and_nicknames_are_not_split(sentence: str) -> None:
    assert _sentences_of(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        'Much has been written about the new film "Harbour Lights: The Ferry Workers of Port Alder," but the '
        "crew have not seen it.",
        "The band closed the night with their old hit 'Salt and Rain on the Water' before the lights went up.",
        "Fans held up a long banner reading 'WE WILL BE BACK NEXT YEAR' outside the ground after the match.",
        "After months of delay the ferry company's chief executive Ruth Calder said: 'The new boats are ready.'",
        "After the vote the mayor of the town said 'We will keep the harbour open for everyone who needs it.'",
    ],
)
def test_quoted_titles_and_introduced_speech_are_not_split(sentence: str) -> None:
    assert _sentences_of(sentence) == [sentence]


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        (
            "it",
            "I tifosi del porto aspettano da mesi il ritorno de “La nave del Grande Faro”, girato nel 2016.",
        ),
        (
            "it",
            "La rete ospiterà il remake della serie animata degli anni ’80 “I Pescatori della Laguna“, ora in lavorazione.",
        ),
        (
            "pt",
            "Receba no seu email o nosso guia “As 7 Regras para Cuidar da Horta em Casa”, um livro gratuito.",
        ),
        (
            "de",
            "Die Frage nach dem Nutzen der neuen Werft wird seit Jahren offen diskutiert: Die Stadt zahlt die Hälfte.",
        ),
    ],
)
def test_a_quoted_title_in_another_language_is_not_cut_as_a_caption(code: str, sentence: str) -> None:
    # The caption seams are English: other languages write titles in sentence case after their own function words.
    assert [str(s) for s in parse(sentence, support_for(code)).sentences] == [sentence]


def test_caption_ending_in_a_weekday_keeps_the_weekday() -> None:
    text = (
        "The old ferry was towed out of the harbour by two tugs early on Wednesday "
        "Farewell: Hundreds of people lined the quay to watch the ferry leave for the last time."
    )
    assert _sentences_of(text) == [
        "The old ferry was towed out of the harbour by two tugs early on Wednesday",
        "Farewell: Hundreds of people lined the quay to watch the ferry leave for the last time.",
    ]


def test_caption_glued_before_a_new_clause_becomes_its_own_sentence() -> None:
    text = (
        "The old lighthouse keeper waves from the gallery of the tower (pictured) "
        "The council has agreed to sell the lighthouse to a local trust for one pound."
    )
    assert _sentences_of(text) == [
        "The old lighthouse keeper waves from the gallery of the tower (pictured)",
        "The council has agreed to sell the lighthouse to a local trust for one pound.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor of Brindle told The Courier she would not stand for a third term next year.",
        "Fans queued for hours to see the band play with The Lantern Makers at the harbour hall.",
        "The nurses said the hospital had tried to help Nurse A with her training last winter.",
    ],
)
def test_titles_and_names_inside_a_sentence_are_not_split(sentence: str) -> None:
    assert _sentences_of(sentence) == [sentence]


def test_middle_initials_do_not_end_a_sentence() -> None:
    text = (
        "The rescue took place at the Harold J. Brown Reservoir near the town on Saturday. "
        "She studied poetry under J.K.L. Marsh and later taught at the college."
    )
    assert _sentences_of(text) == [
        "The rescue took place at the Harold J. Brown Reservoir near the town on Saturday.",
        "She studied poetry under J.K.L. Marsh and later taught at the college.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The bill, signed by Marland Gov. Ada Fenwick on Tuesday, sets a limit on harbour fees.",
        "The council backed Sen. Tom Ruddock and Lt. Col. Jane Orme in the vote on Friday.",
        "The team is ranked No. 3 in the region after a run of seven wins in a row.",
        "The mural was painted by artist K.T. Marlow in the 1970s for the old railway station.",
        "Jazz legend T.J. Brandt played his last concert at the harbour hall in May.",
        "She was treated at the Valley M.D. Hartley Clinic for two weeks.",
        "Blues singer R.L. is short for Robert Lee, the name his mother chose for him.",
    ],
)
def test_titles_numbers_and_initials_before_a_name_do_not_end_a_sentence(sentence: str) -> None:
    assert _sentences_of(sentence) == [sentence]


def test_place_initials_and_a_plain_no_still_end_sentences() -> None:
    text = (
        "The march ended at the bridge in Washington, D.C. The organisers thanked the police. "
        "The mayor moved to the U.S. Since then she has written two books. "
        "Asked if she would stand again, she said no. Then she left the room."
    )
    assert _sentences_of(text) == [
        "The march ended at the bridge in Washington, D.C.",
        "The organisers thanked the police.",
        "The mayor moved to the U.S.",
        "Since then she has written two books.",
        "Asked if she would stand again, she said no.",
        "Then she left the room.",
    ]


def test_russian_sentences_ending_in_an_everyday_word_the_model_lists_as_an_abbreviation_are_split() -> None:
    text = (
        "Правительство решило не менять курс. Тем временем цены на хлеб выросли за год. "
        "Делегация вылетела в Ирак. Переговоры начнутся в среду."
    )
    assert tokenizer_for(support_for("ru")).to_sentences(text) == (
        "Правительство решило не менять курс.",
        "Тем временем цены на хлеб выросли за год.",
        "Делегация вылетела в Ирак.",
        "Переговоры начнутся в среду.",
    )


def test_russian_abbreviations_before_a_name_or_a_unit_still_do_not_end_a_sentence() -> None:
    text = "Музей на ул. Садовой в г. Тверь открыл проф. Орлов. Завод выпустил 5 млн. деталей за месяц."
    assert tokenizer_for(support_for("ru")).to_sentences(text) == (
        "Музей на ул. Садовой в г. Тверь открыл проф. Орлов.",
        "Завод выпустил 5 млн. деталей за месяц.",
    )


def test_picture_cues_are_dropped_from_points() -> None:
    assert (
        trim_point("The mayor (left) opened the new bridge with the builder (pictured) on Friday.")
        == "The mayor opened the new bridge with the builder on Friday."
    )


def test_point_words_are_counted_as_rouge_counts_them() -> None:
    def stem(word: str) -> str:
        return word[:4]

    assert point_tokens("The 27-year-old's Running, at 9.30pm!", stem) == [
        "the",
        "27",
        "year",
        "old",
        "s",
        "runn",
        "at",
        "9",
        "30pm",
    ]


def test_expected_overlap_is_that_of_a_poisson_count() -> None:
    table = expected_overlap(np.array([0.5, 2.0]))
    assert table[:, 0] == pytest.approx([0.0, 0.0])
    assert table[:, 1] == pytest.approx(1.0 - np.exp(-np.array([0.5, 2.0])))  # P(R >= 1)
    assert table[0, -1] == pytest.approx(0.5, abs=1e-6)  # many uses cover the whole expected count
    assert (np.diff(table, axis=1) >= 0).all()


def test_shipped_ranker_has_a_word_model() -> None:
    model = default_model()
    assert model is not None and model.words is not None
    assert model.words.ordered.shape == (len(WORD_FEATURES) + len(WORD_POSITION_FEATURES),)
    assert model.words.content.shape == (len(WORD_FEATURES),)
    assert 0.0 <= model.words.unsure[0] <= model.words.unsure[1] <= 1.0


def _title_words_model(unsure: tuple[float, float] = (0.0, 0.0)) -> WordModel:
    """A word model that expects a summary to use the title's words, and little else."""
    weights = np.zeros(len(WORD_FEATURES))
    weights[WORD_FEATURES.index("bias")] = -4.0
    weights[WORD_FEATURES.index("title")] = 5.0
    ordered = np.concatenate([weights, np.zeros(len(WORD_POSITION_FEATURES))])
    return WordModel(ordered, weights, unsure, pool=10, ranker_weight=0.0, point_length=8.0)


_SETS = [
    "Crews closed the harbour bridge for repairs.",
    "A band played in the park.",
    "The bridge repairs will take six months.",
    "It rained on Sunday.",
    "Harbour traders fear the bridge closure.",
]


def _inputs(texts: list[str]) -> WordInputs:
    tokens = [point_tokens(t, str) for t in texts]
    return WordInputs(
        tokens, frozenset(point_tokens("Harbour bridge closed for repairs", str)), frozenset(), frozenset()
    )


def test_word_model_picks_the_points_that_carry_the_story_words() -> None:
    inputs = _inputs(_SETS)
    chosen = _title_words_model().choose(
        word_table(inputs, 0), inputs, 1.0, np.zeros(len(_SETS)), np.zeros((5, 5)), 2, 0.9
    )
    assert chosen is not None and 0 in chosen and not {1, 3} & set(chosen)  # not the band, not the rain


def test_word_model_never_picks_two_points_that_say_the_same_thing() -> None:
    inputs = _inputs(_SETS)
    sim = np.zeros((5, 5))
    sim[0, 4] = sim[4, 0] = 0.95  # without this the model picks 0 and 4 (see above)
    chosen = _title_words_model().choose(word_table(inputs, 0), inputs, 1.0, np.zeros(5), sim, 2, 0.9)
    assert chosen is not None and not {0, 4} <= set(chosen)


def test_word_model_leaves_the_choice_to_the_ranker_when_order_is_uncertain() -> None:
    inputs = _inputs(_SETS)
    model = _title_words_model(unsure=(0.4, 0.8))
    args = (np.zeros(5), np.zeros((5, 5)), 2, 0.9)
    assert model.choose(word_table(inputs, 0), inputs, 0.6, *args) is None
    assert model.choose(word_table(inputs, 0), inputs, 0.9, *args) is not None


def test_sentences_before_the_story_start_are_never_chosen_by_the_word_model() -> None:
    inputs = _inputs(_SETS)
    chosen = _title_words_model().choose(
        word_table(inputs, 1), inputs, 1.0, np.zeros(5), np.zeros((5, 5)), 2, 0.9
    )
    assert chosen is not None and 0 not in chosen


def test_country_abbreviation_before_an_office_does_not_end_a_sentence() -> None:
    text = (
        "In 2009, after the U.S. Ambassador to Norland was recalled, the senator spoke out. "
        "The grain deal was signed with the U.S. The buyers said prices would rise. "
        "She joined a U.K. Parliament committee in May."
    )
    assert _sentences_of(text) == [
        "In 2009, after the U.S. Ambassador to Norland was recalled, the senator spoke out.",
        "The grain deal was signed with the U.S.",
        "The buyers said prices would rise.",
        "She joined a U.K. Parliament committee in May.",
    ]


def test_speech_after_a_quoted_exclamation_stays_with_its_quote() -> None:
    text = "The crew searched the barn for an hour. “There he is. Found him!” a firefighter shouted. The dog was safe."
    assert _sentences_of(text) == [
        "The crew searched the barn for an hour.",
        "“There he is. Found him!” a firefighter shouted.",
        "The dog was safe.",
    ]


def test_a_quoted_slogan_with_a_full_stop_inside_a_sentence_is_not_split() -> None:
    text = "The town’s “Rain. We love it.” tourism slogan drew laughs online. The mayor defended it."
    assert _sentences_of(text) == [
        "The town’s “Rain. We love it.” tourism slogan drew laughs online.",
        "The mayor defended it.",
    ]


def test_a_sentence_is_not_cut_inside_a_bracket_by_a_unit_abbreviation() -> None:
    text = "Mix the dough [2 cups flour, 1 tsp. salt and water] and let it rest. Bake for an hour."
    assert _sentences_of(text) == [
        "Mix the dough [2 cups flour, 1 tsp. salt and water] and let it rest.",
        "Bake for an hour.",
    ]


def test_a_product_name_the_text_repeats_does_not_end_a_sentence() -> None:
    text = (
        "Marlow showed the new KX. ORBIT CRUISER at the fair. "
        "The company says the KX. ORBIT CRUISER may reach shops in 2026. "
        "It also says that the KX. ORBIT CRUISER can run for 500 km."
    )
    assert _sentences_of(text) == [
        "Marlow showed the new KX. ORBIT CRUISER at the fair.",
        "The company says the KX. ORBIT CRUISER may reach shops in 2026.",
        "It also says that the KX. ORBIT CRUISER can run for 500 km.",
    ]


def test_an_acronym_ending_a_sentence_once_still_ends_it() -> None:
    text = "The grant came from the NRF. ORBIT staff were pleased. The work starts in May."
    assert _sentences_of(text) == [
        "The grant came from the NRF.",
        "ORBIT staff were pleased.",
        "The work starts in May.",
    ]


def test_right_honourable_before_a_name_does_not_end_a_sentence() -> None:
    sentence = "The motion honoured the late Rt. Hon. A. B. Okoro and the late Hon. Ada Eze."
    assert _sentences_of(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The old brass band from the harbour played “We’re Not Going Home” from the town hall steps.",
        "The keys sit in an inverted “T” formation, as they did on older keyboards.",
    ],
)
def test_a_short_or_titled_quotation_inside_a_sentence_is_not_a_caption_seam(sentence: str) -> None:
    assert _sentences_of(sentence) == [sentence]


def _eligible(text: str, title: str | None = None, count: int = 1) -> dict[str, bool]:
    """Each sentence of the text, and whether it may be one of `count` key points."""
    sentences, eligible = candidates(parse(text, support_for("en")), count, title=title)
    return {str(s): bool(e) for s, e in zip(sentences, eligible, strict=True)}


_STORY_LINES = [
    "The harbour ferry returned to service on Monday after a month of repairs to its engines.",
    "Hundreds of commuters queued on the quay to board the first crossing of the morning.",
    "The operator said the repaired engines would cut the crossing time by ten minutes.",
]


@pytest.mark.parametrize(
    "line",
    [
        "Why the ferry kept breaking down this winter",  # a sub-heading
        "The new engines on the slipway at Port Ellery",  # a picture caption
        "Harbour Pass Monthly Ticket for £45",  # a product line
        "Ferry Firm Names New Chief Executive After Record Summer Season For Crossings",  # a related headline
        "- Two extra crossings on Saturdays",  # a list item
        "6) Harbour Cruise Gift Box (2 Tickets)",  # a numbered product line
    ],
)
def test_a_heading_caption_product_or_list_line_without_a_full_stop_is_never_a_point(line: str) -> None:
    eligible = _eligible("\n\n".join([_STORY_LINES[0], line, *_STORY_LINES[1:]]))
    assert eligible[line] is False
    assert all(eligible[s] for s in _STORY_LINES)


def test_a_list_of_names_that_ends_in_a_full_stop_and_a_stray_quote_can_be_a_point() -> None:
    line = "Ada Okoro, 19; Tomas Lane, 21; Ruth Calder, 20; Sam Reed, 22; and Jo Marsh, 20. '"
    assert _eligible("\n\n".join([_STORY_LINES[0], line]))[line] is True


def test_a_long_sentence_that_lost_its_full_stop_can_still_be_a_point() -> None:
    line = "The operator has this morning paid the full repair bill to the yard that rebuilt both engines of the ferry"
    assert _eligible("\n\n".join([_STORY_LINES[0], line]))[line] is True


def test_a_list_item_that_is_a_sentence_is_shown_without_its_marker() -> None:
    assert _eligible("\n\n".join([*_STORY_LINES, "- Crossings will run every half hour."]))[
        "- Crossings will run every half hour."
    ]
    assert trim_point("- Crossings will run every half hour.") == "Crossings will run every half hour."
    assert trim_point("• Crossings will run every half hour.") == "Crossings will run every half hour."


def test_the_title_repeated_in_the_body_is_never_a_point() -> None:
    title = "Harbour ferry back in service after engine repairs"
    eligible = _eligible("\n\n".join(["By Jo Marsh", f"{title}.", *_STORY_LINES]), title=title)
    assert eligible[f"{title}."] is False
    assert eligible[_STORY_LINES[0]] is True


def test_a_table_row_is_never_a_point() -> None:
    row = "| Port Ellery | 06:10 | 07:40 | 09:10 | daily service."
    assert _eligible("\n\n".join([*_STORY_LINES, row]))[row] is False


@pytest.mark.parametrize(
    "line",
    [
        "Click here for the new timetable.",
        "You can see the full list of changes to the timetable here.",
        "Pro tip: Get more ideas for a day out on the water here!",
        "Shop the rest of the ferry company's summer sale right here.",
        "Leave a comment and tell us about your favourite crossing.",
    ],
)
def test_a_pointer_to_a_link_is_never_a_point(line: str) -> None:
    assert _eligible("\n\n".join([*_STORY_LINES, line]))[line] is False


def test_a_hyphenated_lower_case_word_after_a_quoted_shout_continues_the_sentence() -> None:
    text = "The fans sang “Ferry, ferry!” non-stop until the boat left. The captain waved."
    assert _sentences_of(text) == [
        "The fans sang “Ferry, ferry!” non-stop until the boat left.",
        "The captain waved.",
    ]


def test_a_point_that_ends_a_quotation_gets_its_opening_mark_back() -> None:
    text = (
        "The harbour flooded on Monday night after a storm surge broke the sea wall.\n\n"
        "“The water rose in minutes. We lost the boats and the nets,” harbour master Ruth Lane said."
    )
    points = key_points(text, support_for("en"), 2)
    assert points[1] == "“We lost the boats and the nets,” harbour master Ruth Lane said."


@pytest.mark.parametrize(
    "quotation",
    [
        "“The wall is old. Pull. It. Down,” Mayor Ada Eze wrote on Monday.",
        "“The wall is old. It must go. Nobody uses it. Nobody loves it. Pull. It. Down,” Mayor Ada Eze wrote.",
    ],
)
def test_the_end_of_a_quotation_of_a_word_or_two_is_never_a_point(quotation: str) -> None:
    text = "\n\n".join([*_STORY_LINES, quotation])
    assert not any(e for s, e in _eligible(text).items() if s.startswith("Down,”"))


def test_the_end_of_a_long_quotation_that_names_no_speaker_is_never_a_point() -> None:
    quotation = (
        "“The wall is old. It must go. Nobody uses it. Nobody loves it. So the town will pull it down.”"
    )
    eligible = _eligible("\n\n".join([*_STORY_LINES, quotation, "- Ada Eze, mayor"]))
    assert eligible["So the town will pull it down.”"] is False


def test_a_text_with_too_few_points_falls_back_on_its_quotes_before_its_headings() -> None:
    text = "\n\n".join(
        [
            "Readers sent us their reviews of the new harbour ferry this week.",
            "“The crossing was quick and the crew were friendly.”",
            "Ferry Reviews From Our Readers",
            "“The coffee on board was cold but the views were great.”",
            "Harbour Pass Monthly Ticket for £45",
        ]
    )
    eligible = _eligible(text, count=3)
    assert eligible["“The crossing was quick and the crew were friendly.”"] is True
    assert eligible["Ferry Reviews From Our Readers"] is False
    assert eligible["Harbour Pass Monthly Ticket for £45"] is False


def test_a_page_laid_out_in_table_cells_keeps_its_points() -> None:
    text = "\n\n".join(
        [f"| | Ferry news by Jo Marsh {_STORY_LINES[0]} {_STORY_LINES[1]}", f"| {_STORY_LINES[2]} |"]
    )
    eligible = _eligible(text)
    assert eligible[_STORY_LINES[1]] is True
    assert trim_point(f"| {_STORY_LINES[2]} |") == _STORY_LINES[2]


def test_sentences_in_a_table_are_never_points() -> None:
    row = "| Port Ellery | daily | 06:10 (first crossing). 2 boats, 4 crew, 1 pilot on call."
    eligible = _eligible("\n\n".join([*_STORY_LINES, row]))
    assert eligible["2 boats, 4 crew, 1 pilot on call."] is False


def test_a_sentence_after_a_dateline_the_splitter_cut_off_is_one_point_without_it() -> None:
    text = "PORT ELLERY, V.L. – The harbour flooded on Monday night after a storm surge broke the sea wall."
    assert _sentences_of(text) == [text]
    assert trim_point(text) == "The harbour flooded on Monday night after a storm surge broke the sea wall."


def test_a_dash_after_a_whole_sentence_still_starts_a_new_one() -> None:
    text = "Он ушёл. — Куда? — спросила она."
    assert tokenizer_for(support_for("ru")).to_sentences(text)[0] == "Он ушёл."


def test_a_long_product_line_in_title_case_is_never_a_point() -> None:
    line = "Deal of the Day: 35% Off Harbour Ferry Season Pass with Free Parking and Priority Boarding, Now $49.99"
    assert _eligible("\n\n".join([*_STORY_LINES, line]))[line] is False


def test_text_split_without_a_punkt_model_still_splits() -> None:
    assert tokenizer_for(support_for("ja")).to_sentences("今日は晴れ。明日は雨。") == (
        "今日は晴れ。",
        "明日は雨。",
    )
