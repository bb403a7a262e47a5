"""Heads of state and government get the office the text gives them, also when it is not written at the name."""

from __future__ import annotations

import pytest
from conftest import read_article

from bot.model import Actor, Article
from bot.pipeline.actors.en import extract_actors
from bot.pipeline.digest import make_digest


def _roles(text: str) -> dict[str, str | None]:
    return {a.name: a.role for a in extract_actors(text) if a.kind == "person"}


def _person(actors: list[Actor], surname: str) -> Actor:
    return next(a for a in actors if a.kind == "person" and a.name.endswith(surname))


# A person written as a country's ("Tomas Varga of Hungary"), whom the text elsewhere calls by that country's
# office in its own words: the office of the country, the country's office, or the demonym and the office.
@pytest.mark.parametrize(
    ("text", "surname", "role"),
    [
        (
            "Tomas Varga of Hungary and Ana Costa of Portugal met in Vienna on Monday. Statements from the office "
            "of the president of Hungary gave no details. Varga said the talks had gone well. Costa said little.",
            "Varga",
            "President of Hungary",
        ),
        (
            "Lena Brandt of Norway arrived in Oslo late on Friday. Norway's prime minister had cancelled two "
            "meetings to attend, aides said. Brandt said the plan would be ready in a month.",
            "Brandt",
            "Prime Minister of Norway",
        ),
        (
            "Marek Dvorak of Slovakia spoke for an hour. According to the Slovak leader's office, the talks will "
            "resume in May. Dvorak said the border would stay open.",
            "Dvorak",
            "Leader of Slovakia",
        ),
        (
            "Ines Moreau of Belgium and the other ministers agreed on the text. The office of the prime minister of "
            "Belgium said later that the Belgian leader would sign it. Moreau said she was pleased.",
            "Moreau",
            "Prime Minister of Belgium",
        ),
    ],
)
def test_a_countrys_one_representative_gets_the_office_the_text_names_for_it(
    text: str, surname: str, role: str
) -> None:
    assert _person(extract_actors(text), surname).role == role


@pytest.mark.parametrize(
    ("text", "surname", "role"),
    [
        (
            "Chilean President Ana Ruiz said on Monday that the mine would reopen. Ruiz said jobs were safe.",
            "Ruiz",
            "President of Chile",
        ),
        (
            "Irish Prime Minister Sean Doyle said the deal was fair. Doyle said he would sign it.",
            "Doyle",
            "Prime Minister of Ireland",
        ),
    ],
)
def test_a_demonym_and_an_office_are_shown_as_the_office_of_the_country(
    text: str, surname: str, role: str
) -> None:
    assert _person(extract_actors(text), surname).role == role


def test_no_office_is_given_when_two_people_represent_the_country() -> None:
    # Whose is "the president of Poland"? The text does not say.
    roles = _roles(
        "Jan Nowak of Poland and Adam Kowalski of Poland met reporters in Warsaw. The office of the president of "
        "Poland gave no details. Nowak said the talks had gone well, and Kowalski said they would resume soon."
    )
    assert not any(role and role.startswith("President") for role in roles.values())


def test_an_office_the_text_gives_another_person_is_not_given_again() -> None:
    # "the president of Poland" is Nowak's, titled so at his name; Kowalski, also "of Poland", is not the president.
    actors = extract_actors(
        "President Jan Nowak of Poland met Adam Kowalski of Poland in Warsaw. The office of the president of Poland "
        "said the talks went well. Kowalski said he agreed with Nowak."
    )
    assert _person(actors, "Nowak").role == "President of Poland"
    assert _person(actors, "Kowalski").role != "President of Poland"


def test_a_summit_story_gives_both_leaders_their_offices_and_lists_the_state_acted_on() -> None:
    # An invented two-leader story: one leader titled at his name, the other only "of Serbia" there and "the
    # president of Serbia" / "the Serbian leader" elsewhere; Serbia is acted on and acts through its own.
    digest = make_digest(Article(text=read_article("en-actors-summit.txt")))
    roles = {a.name: a.role for a in digest.actors}
    assert roles["Istvan Varga"] == "Prime Minister of Hungary"
    assert roles["Nikola Markovic"] == "President of Serbia"
    assert any(a.name == "Serbia" and a.kind == "place" for a in digest.actors)


# An office a story has one holder of, written alone where a name could stand ("The Prime Minister said"): the
# story's main person's (named in full more often than anyone else), when the text names them last before it.
@pytest.mark.parametrize(
    ("text", "surname", "role"),
    [
        (
            "Helen Marsh launched an attack on the opposition on Monday. The Prime Minister said the party had "
            "no plan for growth. Marsh spoke in Leeds.",
            "Marsh",
            "Prime Minister",
        ),
        (
            "Oscar Lindqvist signed the budget into law. The Governor told reporters the cuts were painful but "
            "needed. Tom Berg, a senator, voted against it. Lindqvist said he would review it.",
            "Lindqvist",
            "Governor",
        ),
    ],
)
def test_an_office_written_alone_is_the_main_person_named_last_before_it(
    text: str, surname: str, role: str
) -> None:
    assert _person(extract_actors(text), surname).role == role


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        # The office is someone else's, named with it, even by a surname alone.
        (
            "Helen Marsh criticised the plan on Monday. Prime Minister Ada Roe defended it. The Prime Minister "
            "said the plan would stand. Marsh said she would vote against it.",
            "Marsh",
        ),
        (
            "President Okafor met Lena Brandt in Berlin on Monday. Brandt said the talks were good. The "
            "President said Europe must act. Brandt left on Tuesday.",
            "Brandt",
        ),
        # Two people named as often as each other: the text does not say whose office it is.
        (
            "Joe Marlow spoke by phone with Ben Tamir on Sunday. Marlow and Tamir agreed to meet. The Prime "
            "Minister said the talks would go on. The President urged restraint.",
            "Tamir",
        ),
        # The main person is not the one named last: someone quoted in between.
        (
            "Daniel Okoro signed the bill on Friday. Okoro said it would save money, and Okoro thanked the "
            "council. Critics, including Jane Doe, said it went too far. Jane Doe wrote to him. The Governor "
            "said little.",
            "Okoro",
        ),
        (
            "Daniel Okoro signed the bill on Friday. Okoro said it would save money, and Okoro thanked the "
            "council. Critics, including Jane Doe, said it went too far. Jane Doe wrote to him. The Governor "
            "said little.",
            "Doe",
        ),
        # Not the office alone: the office of a place, or a title before a name.
        ("Helen Marsh met the President of Ghana on Monday. Marsh said they had discussed trade.", "Marsh"),
        (
            "Helen Marsh met the President Kofi Asante on Monday. Marsh said they had discussed trade.",
            "Marsh",
        ),
    ],
)
def test_an_office_alone_is_not_given_where_the_text_does_not_say_whose_it_is(
    text: str, surname: str
) -> None:
    assert _person(extract_actors(text), surname).role is None
