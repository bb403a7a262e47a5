"""Cleaning: site furniture and promo lines go wherever they sit; repairs never invent words; the story stays."""

from __future__ import annotations

import re

import pytest
from conftest import read_article

from bot.pipeline.clean import (
    clean_text,
    forwarded_from,
    furniture_rule,
    is_furniture_line,
    is_promo_paragraph,
    looks_binary,
    word_count,
)

STORY = [
    "The harbour authority in Port Ellery opened a new ferry terminal on Friday, two years behind schedule.",
    "Officials said the terminal would handle twice as many passengers as the old one. "
    "The first ferry left at six in the morning.",
    "Local fishermen, who had opposed the project, staged a small protest near the quay. "
    "Police said it ended peacefully.",
]
STORY_TEXT = "\n\n".join(STORY)

FURNITURE = {
    "related articles": "Related Articles",
    "back to top": "Back to top button",
    "read more": "Read more",
    "read more with headline": "Read more: Ferry strike ends after two weeks",
    "subscribe": "Subscribe to our newsletter for the latest updates",
    "subscribe to a named newsletter": "Subscribe to the Harbour Brief newsletter",
    "sign up now": "Sign up now and never miss a crossing",
    "register to comment": "Register here to comment on this story",
    "sign up for alerts": "Sign up for breaking news alerts",
    "subscribe on a video site": "Subscribe to Ellery Times on YouTube for more harbour news:",
    "click here to subscribe": "Click here to subscribe to the Harbour Brief",
    "click here for the app": "CLICK HERE TO GET THE ELLERY TIMES APP",
    "follow us": "Follow us on Facebook, X and Telegram",
    "share this": "Share this",
    "share this article": "Share this article",
    "print article": "- Print Article",
    "email this story": "Email this story",
    "comment button": "Comment",
    "share bar with its label": "Share this article: Facebook | LinkedIn | Email",
    "share bar": "Facebook · X · WhatsApp · Copy link",
    "advertisement": "ADVERTISEMENT",
    "cookie notice": "This website uses cookies to improve your experience. Accept all cookies",
    "all rights reserved": "Copyright 2024 Ellery Times Media. All rights reserved.",
    "channel signature": "📢 Ellery Times | @ellerytimes",
    "channel signature with underscore": "Harbour Wire · @harbour_wire",
    "channel signature link": "Join us: t.me/ellerytimes",
    "hashtags only": "#PortEllery #ferry #news",
    "emoji only": "⚓️🚢🌊",
    "forwarded header": "Forwarded from Ellery Times",
    "bare t.me link": "t.me/ellerytimes",
    "bare url": "https://www.ellery-times.example/news/ferry-terminal-opens?ref=tg",
    "ru subscribe": "👉 Подписывайтесь на наш канал | Читайте также: В области отремонтируют школы",
    "ru subscribe telegram": "Подпишитесь на Telegram-канал «Вести Элери»",
    "ru read also": "Читайте также: Паром задержался на два часа",
    "ru more on topic": "Ещё по теме",
    "ru advertisement": "Реклама",
    "ru source": "Источник: ТАСС",
    "uk subscribe": "Підписуйтесь на наш канал",
    "ru join": "Присоединяйтесь к нашему каналу",
    "ru read us": "Читайте нас в Telegram",
    "ru our channel": "Срочные новости — в нашем телеграм-канале",
    "ru ad label": "Реклама. ООО «Ромашка», ИНН 7700000000, erid: 2Vtzqx",
    "ru comments": "Комментарии (12)",
    "ru rights": "Все права защищены",
    "ru credit dash": "Источник — ТАСС",
    "ru photo credit": "Фото: РИА Новости / Сергей Иванов",
    "ru video credit": "Видео: Telegram-канал «Осторожно, новости»",
    "related with headline": "Related: Ferry strike ends after two weeks",
    "also on a site": "Also on ellerytimes.example Harbour strike enters its third week as talks stall",
    "wire credits": "Reporting by Marta Quill; additional reporting by Tom Lane, Ada Eze and Ruth Calder in Port "
    "Ellery and Valdoria City; Editing by Jo Marsh and Sam Reed",
    "bracketed wire credits": "(Reporting by Marta Quill; Editing by Jo Marsh)",
    "reprint notice": "To order presentation-ready copies for distribution to your colleagues, clients or customers visit",
    "enjoyed this article": "If you enjoyed this article, we have a proposition for you: join our members' club.",
    "tell us what you think": "Tell us what YOU think...",
    "personal use notice": "This copy is for your personal, non-commercial use only. To order copies visit",
    "order reprints": "- Order Reprints",
    "copyright with a year": "copyright Ellery Times 2019 - ISSN: 1234-5678",
}

PROMO = (
    "Ellery Times: Update the latest news of the day from the coast, breaking news, politics and sport, "
    "entertainment and video clips updated 24/7 quickly and reliably on our website."
)


def _positions(noise: str) -> dict[str, str]:
    return {
        "top": f"{noise}\n\n{STORY_TEXT}",
        # Glued into the text without blank lines, as copy-paste leaves it.
        "middle": f"{STORY[0]}\n{noise}\n{STORY[1]}\n\n{STORY[2]}",
        "end": f"{STORY_TEXT}\n\n{noise}",
    }


@pytest.mark.parametrize("position", ["top", "middle", "end"])
@pytest.mark.parametrize("rule", sorted(FURNITURE))
def test_furniture_line_is_dropped_wherever_it_sits(rule: str, position: str) -> None:
    assert clean_text(_positions(FURNITURE[rule])[position]) == STORY_TEXT


@pytest.mark.parametrize("position", ["top", "middle", "end"])
def test_site_self_description_paragraph_is_dropped(position: str) -> None:
    assert is_promo_paragraph(PROMO)
    text = _positions(PROMO)[position].replace(f"\n{PROMO}\n", f"\n\n{PROMO}\n\n")
    assert clean_text(text) == STORY_TEXT


@pytest.mark.parametrize("rule", sorted(FURNITURE))
def test_each_furniture_example_is_recognised_as_a_line(rule: str) -> None:
    assert is_furniture_line(FURNITURE[rule])


@pytest.mark.parametrize(
    "sentence",
    [
        "The committee said it would read more of the evidence before ruling on the appeal.",
        "Few economists subscribe to the view that the ferry will ever turn a profit.",
        "Passengers were asked to share their tickets with family members during the trial week.",
        "Crews worked back to back shifts to finish the quay before the opening.",
        "Ellery Times reported that all rights reserved for fishermen in the old charter would be kept.",
        # Sentences that open with a furniture word.
        "Join the coastguard, the admiral told school leavers, and see the world.",
        "Register now or lose your vote, the election commission warned on Monday.",
        "Sign up rates for the ferry pass fell by half in May.",
        # Advice in the story to sign up for something that is not the site's own letters.
        "Sign up for the ferry company's loyalty scheme before May to keep the old fares.",
        "- Sign up for a museum pass for $12 a month",
        "- Register your bicycle at the ticket office before boarding",
        "Subscribe or pay more at the gate, the ferry company told regular passengers.",
        "Follow our lead, the harbour master told other ports.",
        "Save the Children said 40 children were among the passengers.",
        # A sentence that opens with a button's words is not a button.
        "Like it or not, the ferry is here to stay.",
        "Email it to the council before Friday.",
        "Share this information with anyone who travels to the islands, please?",
        "Copyright law was at the heart of the dispute over the terminal's design.",
        "Updated figures show 3,000 passengers used the terminal on its first day.",
        "Newsletter sign-ups at the Ellery Times doubled during the strike.",
        "Read more slowly, the teacher told the class before the exam.",
        "Подпишитесь под петицией, призвал жителей депутат городской думы.",
        "Реклама на городском транспорте подорожала на треть.",
        "Комментарии экспертов разошлись: одни хвалят проект, другие его критикуют.",
        # A source or picture label opening a story line: it has a finite verb, a credit has none.
        "Источник: в Кремле обсуждают отставку главы Минтранса",
        "Видео: очевидцы сняли момент обрушения моста в Самаре",
        # Reported speech marks a story sentence that opens like furniture.
        "Читайте также условия акции, советуют в Роспотребнадзоре.",
        "Новости по теме выборов будут выходить ежедневно, сообщили в ЦИК.",
        "Related charges were dropped against two of the ferry's crew.",
        "Also on board were the mayor and two harbour pilots.",
        "Ticket agents may earn a commission of five per cent on each crossing they sell.",
        "Reporting by local papers helped expose the ferry company's accounts.",
        "If you enjoyed the old ferry, the new one will feel familiar, the captain said.",
    ],
)
def test_story_sentence_mentioning_furniture_words_is_kept(sentence: str) -> None:
    assert not is_furniture_line(sentence)
    assert clean_text(f"{STORY_TEXT}\n\n{sentence}") == f"{STORY_TEXT}\n\n{sentence}"


# Lines a page's true text keeps, though they read like notes about the page: no rule drops them any more.
KEPT_NOTES = {
    "reprint note": "This article was originally published by The Ellery Courier. Read the original article.",
    "adapted note": "This story first appeared in the Valdoria Review and is reproduced with permission.",
    "affiliate disclosure": "Disclosure: Ellery Times may earn a commission from some of the products featured on this page.",
    "graphic pointer": "(Graphic: Ferry passengers by month - here)",
    "chart pointer": "(Chart: Fares on the island routes since 2015)",
    "cover picture caption": "Cover image: artist’s impression of the new ferry terminal at night, seen from the quay",
    "embedded post's author": "— Ellery Times (@ellerytimes) November 4, 2019",
    "embedded post's author, other month": "— Marta Quill (@mquill_) 12 March 2021",
    "account credit": "Аккаунт: @harbour_bakery",
    "account credits": "Accounts: @mquill, @jomarsh_fish, @valdoria_eats",
    "photo credit by handle": "Foto: @ellery_lens",
}


@pytest.mark.parametrize("note", sorted(KEPT_NOTES))
def test_note_the_true_text_keeps_is_not_furniture(note: str) -> None:
    line = KEPT_NOTES[note]
    assert not is_furniture_line(line)
    assert clean_text(f"{STORY_TEXT}\n\n{line}") == f"{STORY_TEXT}\n\n{line}"


def test_story_paragraph_that_reads_like_promo_is_kept() -> None:
    paragraph = (
        "The ferry company said it would publish its timetable every day on its website, "
        "and that passengers could sign up for text alerts about delays."
    )
    assert clean_text(f"{STORY_TEXT}\n\n{paragraph}") == f"{STORY_TEXT}\n\n{paragraph}"


# Invented sentences of a harbour story, none of them promo.
_HARBOUR = [
    "The crew checked the engines twice before the morning crossing.",
    "Harbour master Ines Dale logged the wind at forty knots.",
    "Two fishing boats turned back at the breakwater.",
    "The council had warned that the old quay could not take another winter.",
    "Engineers from the county arrived on Tuesday with a barge of stone.",
    "Residents of the lower town moved their cars to the hill.",
    "The school opened its hall to families from the seafront.",
    "By noon the water had reached the steps of the chapel.",
    "Volunteers filled sandbags outside the lifeboat station.",
    "The ferry company cancelled the evening sailings to the islands.",
    "Insurers said claims would be assessed within a fortnight.",
    "A new sea wall is planned for next spring, the council said.",
]


def _one_paragraph_story(opening: str) -> str:
    """A story pasted as one long paragraph (no line breaks), as copied from an app."""
    return " ".join([opening, *_HARBOUR])


@pytest.mark.parametrize(
    "story",
    [
        _one_paragraph_story("She said: 'The ferry ran every day, and every day it was full.'"),
        _one_paragraph_story(
            "Reed said in the report: the entertainment deck and its entertainment were shut."
        ),
        _one_paragraph_story(
            "Council statement: residents should sign up for alerts and follow us for news."
        ),
    ],
)
def test_a_story_pasted_as_one_paragraph_that_opens_like_a_label_is_kept(story: str) -> None:
    assert not is_promo_paragraph(story)
    assert clean_text(story) == story


def test_fixture_with_furniture_everywhere_cleans_to_exactly_the_story() -> None:
    raw = read_article("furniture-everywhere.txt")
    expected = read_article("furniture-everywhere.expected.txt").strip()
    assert clean_text(raw) == expected


def test_every_story_sentence_survives_in_order_with_paragraph_breaks() -> None:
    expected = read_article("furniture-everywhere.expected.txt").strip().split("\n\n")
    cleaned = clean_text(read_article("furniture-everywhere.txt")).split("\n\n")
    assert len(cleaned) == len(expected)
    position = 0
    joined = "\n\n".join(cleaned)
    for paragraph in expected:
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            found = joined.find(sentence, position)
            assert found >= 0, f"lost or reordered: {sentence!r}"
            position = found + len(sentence)


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Read more: Ferry strike ends after two weeks", "read_more"),
        ("Share this", "share_button"),
        ("#PortEllery #ferry", "symbolic"),
        ("Reporting by Marta Quill; Editing by Jo Marsh", "wire_credits"),
        ("Источник: ТАСС", "ru_credit"),
        ("More info: https://ferry.example/timetable", "link_line"),
        ("📢 Ellery Times | @ellerytimes", "channel_signature"),
        (STORY[0], None),
    ],
)
def test_furniture_rule_names_the_class_a_line_is_dropped_as(line: str, rule: str | None) -> None:
    assert furniture_rule(line) == rule


def test_trace_shows_each_step_and_ends_on_the_result() -> None:
    steps: list[tuple[str, str]] = []
    text = f"{STORY[0]}\nShare this\n{STORY[1]}"
    result = clean_text(text, trace=lambda step, after: steps.append((step, after)))
    names = [name for name, _ in steps]
    assert names[:2] == ["characters", "furniture_lines"]
    assert "Share this" in steps[0][1] and "Share this" not in steps[1][1]
    assert steps[-1] == ("duplicate_sentences", result)


def test_forwarded_header_names_the_channel() -> None:
    assert (
        forwarded_from("Forwarded from Harbour Wire\n\nThe council voted.") == "Forwarded from Harbour Wire"
    )
    assert forwarded_from("The council voted.\n\nForwarded from Harbour Wire") is None


# --- repairs ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # UTF-8 read as cp1252 (mojibake) is repaired by ftfy.
        (
            "CafÃ© owners said the plan was â€œlong overdueâ€\x9d.",
            "Café owners said the plan was “long overdue”.",
        ),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚ from the Ellery choir.", "Привет from the Ellery choir."),
        # Zero-width characters, soft hyphens, BOM and bidi marks vanish.
        ("\ufeffThe ferry\u200b re\u00adopened on\u200d Friday\u200e.", "The ferry reopened on Friday."),
        # HTML entities are decoded.
        ("Fish &amp; chips cost &pound;9 &ndash; up 10&#37;.", "Fish & chips cost £9 – up 10%."),
        # Whitespace: runs of spaces, tabs and non-breaking spaces collapse; CRLF becomes LF.
        ("The  ferry\t\u00a0left   at six.\r\n\r\nIt was full.", "The ferry left at six.\n\nIt was full."),
        # Unicode normalisation: a decomposed é becomes one code point.
        ("Cafe\u0301 owners cheered.", "Café owners cheered."),
        # A word said twice is kept: English "had had", a name, and languages that double words on purpose.
        ("The captain had had enough.", "The captain had had enough."),
        ("The Bora Bora Quartet played on the quay.", "The Bora Bora Quartet played on the quay."),
        ("Kapal itu berjalan pelan pelan ke pelabuhan.", "Kapal itu berjalan pelan pelan ke pelabuhan."),
        ("Feribot yavaş yavaş limana yaklaştı.", "Feribot yavaş yavaş limana yaklaştı."),
        # A fragment repeated after a sentence end.
        ("Troops moved into the north of Valdoria. Valdoria.", "Troops moved into the north of Valdoria."),
        ("Talks were held in Port Ellery. Port Ellery.", "Talks were held in Port Ellery."),
        # A repeated sentence (a reprint glues the lead in twice) is kept once.
        (
            "The ferry terminal opened on Friday after two years of delays. "
            "The ferry terminal opened on Friday after two years of delays. It was full.",
            "The ferry terminal opened on Friday after two years of delays. It was full.",
        ),
        # Sentences glued by bad copy-paste get their space back.
        ("The ferry left at six.Passengers cheered.", "The ferry left at six. Passengers cheered."),
        # Hard-wrapped lines rejoin into one paragraph.
        (
            "The ferry left the quay at six\nin the morning, officials said.",
            "The ferry left the quay at six in the morning, officials said.",
        ),
        # So do paragraphs a page broke mid-sentence (a line each, or a link cut out of the middle).
        (
            "Photos of the new quay, which were shared online,\n\nshow the ferry in its new colours.",
            "Photos of the new quay, which were shared online, show the ferry in its new colours.",
        ),
        (
            "Her bag had the colours of the Valdorian\n\nflag. She carried her favourite\n\nmake-up kit.",
            "Her bag had the colours of the Valdorian flag. She carried her favourite make-up kit.",
        ),
        (
            "The terminal gives the town an\n\nEasy link to the islands, officials said.",
            "The terminal gives the town an Easy link to the islands, officials said.",
        ),
        # A politician's pop-up card glued into the sentence is dropped.
        (
            "Rep. Ada EzeAda Ngozi EzeHarbour Watch: Fares rise again | Quay repairs delayed MORE (D) said the "
            "fares were too high.",
            "Rep. Ada Eze (D) said the fares were too high.",
        ),
        # …whatever the surname is made of: a hyphen, an apostrophe, a capital inside it.
        (
            "Sen. Ana Ruiz-TorresAna Ruiz-TorresFerry fares rise again | Quay repairs delayed MORE (R) voted no.",
            "Sen. Ana Ruiz-Torres (R) voted no.",
        ),
        (
            "Rep. Liam O’BrienLiam O’BrienHarbour Watch: Quay repairs delayed MORE (D) voted yes.",
            "Rep. Liam O’Brien (D) voted yes.",
        ),
        (
            "Rep. Iona McKayIona McKayHarbour Watch: Quay repairs delayed MORE (D) voted yes.",
            "Rep. Iona McKay (D) voted yes.",
        ),
    ],
)
def test_repairs(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "text",
    [
        "The FBI said the FBI agents searched the quay on Monday and found nothing. Officials want MORE answers.",
        "The UK and the UAE signed the deal; the UK Treasury said MORE would follow.",
        "THE CASE FOR THE MORE AMBITIOUS FERRY PLAN IS CLEAR, say economists.",
        "BREAKING: BBC reports that BBC News staff will strike. READ MORE",
    ],
)
def test_an_acronym_said_twice_before_more_is_no_pop_up_card(text: str) -> None:
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Why the ferry broke down\n\nThe engines were forty years old.",  # a heading stays its own line
        "- Two extra crossings\n\n- A new night service",  # so do list items
        "The ferry left at six.\n\nlater crossings were cancelled.",  # a full stop ends the paragraph
        "About ferry4you\n\nferry4you sells tickets online.",  # a name in lower case starts a paragraph
        "The crew sat on the quay with\n\nThe council said the ferry would sail on Monday.",  # a new sentence
    ],
)
def test_paragraphs_that_end_in_their_own_right_are_not_joined(text: str) -> None:
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "paragraph",
    [
        "Start your day with the Harbour Brief. The Harbour Brief is the morning read of ferry fans. "
        "Sign up for the free daily newsletter.",
        "Get Ferry Monthly delivered through your letterbox every month. 12 issues for £20. "
        "Click here for more information.",
    ],
)
def test_newsletter_and_magazine_promo_paragraphs_are_dropped(paragraph: str) -> None:
    assert is_promo_paragraph(paragraph)
    assert clean_text(f"{STORY_TEXT}\n\n{paragraph}") == STORY_TEXT


def test_short_sentences_may_repeat() -> None:
    text = "He said no. She said no. They both said no."
    assert clean_text(text) == text


def test_repair_keeps_a_place_named_twice_on_purpose() -> None:
    text = "The match was played in Ellery. Ellery won by two goals."
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The same sentence twice in one paragraph (copy-paste, a fact box flattened into the text).
        (
            "The harbour reopened on Monday after the storm. Ferries ran all day. "
            "The harbour reopened on Monday after the storm.",
            "The harbour reopened on Monday after the storm. Ferries ran all day.",
        ),
        # A lead glued in twice across a paragraph break.
        (
            "The harbour reopened on Monday after the storm.\n\n"
            "The harbour reopened on Monday after the storm. Ferries ran all day.",
            "The harbour reopened on Monday after the storm.\n\nFerries ran all day.",
        ),
        # A run of sentences glued in twice, as a whole.
        (
            "The harbour reopened on Monday after the storm. Ferries ran all day.\n\n"
            "The harbour reopened on Monday after the storm. Ferries ran all day.\n\nThe mayor was pleased.",
            "The harbour reopened on Monday after the storm. Ferries ran all day.\n\nThe mayor was pleased.",
        ),
        (
            "Паром снова ходит через залив после шторма.\n\nПаром снова ходит через залив после шторма.",
            "Паром снова ходит через залив после шторма.",
        ),
    ],
)
def test_sentence_said_twice_in_a_row_or_in_one_paragraph_is_kept_once(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A menu: the same dish on two days.
        "Day one\n\nBreakfast: two boiled eggs and a slice of rye toast\n\nLunch: lentil soup with a green salad"
        "\n\nDay two\n\nBreakfast: two boiled eggs and a slice of rye toast\n\nLunch: grilled fish with rice",
        # An interview series: the same question to each guest.
        "Marta Quill, baker\n\nWhat made you start your harbour blog?\n\nMy grandfather ran the first ferry.\n\n"
        "Jo Marsh, fisher\n\nWhat made you start your harbour blog?\n\nI wanted to show people the catch.",
        # A product list: two passes with the same features.
        "Ferry Pass Basic\n\n- Unlimited crossings on weekdays\n\n- Free carriage for one bicycle\n\n"
        "Ferry Pass Plus\n\n- Unlimited crossings on weekdays\n\n- Free carriage for one bicycle\n\n- Lounge access",
        # The same in Russian: one question put to two bakers.
        "Ольга, пекарь\n\nЧто вдохновило вас открыть пекарню у причала?\n\nЛюблю запах моря по утрам.\n\n"
        "Дарья, пекарь\n\nЧто вдохновило вас открыть пекарню у причала?\n\nМой дед был паромщиком.",
    ],
)
def test_line_repeated_further_on_in_a_structured_page_is_kept(text: str) -> None:
    assert clean_text(text) == text


def test_control_characters_become_spaces_not_glue() -> None:
    assert clean_text("The ferry\x0cleft at\x00six.") == "The ferry left at six."


def test_inline_hashtag_keeps_its_word_and_emoji_go() -> None:
    assert clean_text("The #ferry left Port Ellery at six 🚢.") == "The ferry left Port Ellery at six."


def test_only_furniture_cleans_to_empty() -> None:
    assert clean_text("Related Articles\n\nBack to top button\n\n#news\n\nt.me/ellerytimes") == ""


def test_word_count_counts_contractions_and_hyphenated_words_once() -> None:
    assert word_count("The four-hour meeting didn't end.") == 5


def test_looks_binary() -> None:
    assert looks_binary("\x00\x01\x02\x03" * 100)
    assert looks_binary("\ufffd" * 50 + "text")
    assert not looks_binary("An ordinary line of text.\n" * 20)
    assert not looks_binary("")


def test_french_space_before_high_punctuation_is_kept() -> None:
    text = "À Lyon : les trams roulent encore ; les bus non ! Pourquoi ? Personne ne sait , dit-on ."
    assert (
        clean_text(text)
        == "À Lyon : les trams roulent encore ; les bus non ! Pourquoi ? Personne ne sait, dit-on."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(CNN)Marta Quill has opened the harbour.", "Marta Quill has opened the harbour."),
        ("PORT ELLERY (Reuters) - Shares in the Guild fell.", "Shares in the Guild fell."),
        ("VALDORIA CITY (AP) — The council voted on Monday.", "The council voted on Monday."),
        ("(CNN) -- A storm hit the coast.", "A storm hit the coast."),
        ("Port Ellery, Valdoria (CNN)The harbour reopened.", "The harbour reopened."),
        (
            "(The Valdoria Courier)Marta Quill, the harbour's builder, has died.",
            "Marta Quill, the harbour's builder, has died.",
        ),
        ("PORT ELLERY — The council voted on Monday.", "The council voted on Monday."),
        ("VALDORIA CITY -- The council voted on Monday.", "The council voted on Monday."),
        ("PORT ELLERY, Val. – The council voted on Monday.", "The council voted on Monday."),
        ("Port Ellery, Valdoria — The council voted on Monday.", "The council voted on Monday."),
        ("HARBOURTON, Valdoria (Ellery News Now) - The council voted.", "The council voted."),
        ("EllerySUN.Net - The council voted on Monday.", "The council voted on Monday."),
    ],
)
def test_wire_dateline_opening_the_story_is_dropped(text: str, expected: str) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The storm hit the coast.\n\n(Reuters) The Guild closed its doors.",  # only the story's opening
        "The Harbour Guild (AP) Stylebook was revised.",  # an article opens no dateline
        "The Valdorian Authority (PA) President spoke.",  # not an agency we know
        "Pacific Harbour Cooperation (APEC) Leaders will meet.",  # an agency's letters inside a longer acronym
        "(Updated) The Guild closed its doors.",  # a bracket with a space after it credits no outlet
        "Marta Quill — The Guild's founder — has died.",  # a name is no place
        "Ellery — The town the ferry forgot — voted on Monday.",  # one word in lower case could be either
        "PORT ELLERY — the town the ferry forgot — voted on Monday.",  # the story goes on in lower case
    ],
)
def test_agency_named_inside_the_story_is_kept(text: str) -> None:
    assert clean_text(text) == text
