"""Russian actors: names merged across their case forms, in the nominative, with the role the sentence gives."""

from __future__ import annotations

import pytest
from conftest import read_article

from bot.actors import NER_MAX_CHARS
from bot.actors_ru import analyse_actors_ru, find_mentions_ru
from bot.digest import Actor, Article, Digest, make_digest


@pytest.fixture(scope="module")
def digest() -> Digest:
    return make_digest(Article(text=read_article("ru-actors.txt")))


def _by_name(actors: tuple[Actor, ...] | list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


def test_a_russian_digest_lists_actors_and_no_note(digest: Digest) -> None:
    assert digest.language == "ru"
    assert digest.actors_note is None
    assert digest.actors[0].name == "Ольга Кравец"


def test_case_forms_of_a_name_are_one_actor_named_in_the_nominative(digest: Digest) -> None:
    sukhov = _by_name(digest.actors)["Андрей Сухов"]
    assert "Андреем Суховым" in sukhov.aliases
    assert sukhov.mentions == 2  # "Андреем Суховым", then "Сухов"
    assert [a.name for a in digest.actors].count("Андрей Сухов") == 1


def test_a_shared_surname_goes_to_the_person_named_last_before_it(digest: Digest) -> None:
    actors = _by_name(digest.actors)
    # Headline, "мэр … Ольга Кравец", "сообщила Кравец", "По словам Кравец"; then "Павел Кравец", "Кравец добавил".
    assert actors["Ольга Кравец"].mentions == 4
    assert actors["Павел Кравец"].mentions == 2
    assert "Кравец" not in actors


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Ольга Кравец", "Мэр Верхнеозёрска"),  # before the name
        # Instrumental in the text: "с министром … Андреем Суховым".
        ("Андрей Сухов", "Министр транспорта России"),
        # After the name, with its quoted company.
        ("Павел Кравец", "Директор подрядной компании «Мостострой»"),
        ("Игорь Белов", "Губернатор области"),  # before a relative clause, which is not part of it
    ],
)
def test_the_role_the_sentence_gives_is_shown_in_the_nominative(digest: Digest, name: str, role: str) -> None:
    assert _by_name(digest.actors)[name].role == role


def test_a_place_the_morphology_cannot_normalize_is_still_one_place_with_its_yo(digest: Digest) -> None:
    places = [a for a in digest.actors if a.kind == "place"]
    assert [p.name for p in places].count("Верхнеозёрск") == 1
    assert _by_name(places)["Верхнеозёрск"].mentions == 3


def test_quoted_names_and_bare_adjectives_are_not_places() -> None:
    mentions = find_mentions_ru(
        "Станции «Арбатская» и «Смоленская» Филёвской линии закроют, сообщили в мэрии Москвы."
    )
    assert [(m.name, m.kind) for m in mentions] == [("Москва", "place")]


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Компания «Вектор» и её основатель Илья Гордеев объявили о слиянии.", "Основатель"),  # no "её"
        ("В интервью газете «Известия» Илья Гордеев рассказал о планах.", None),  # a newspaper is no role
    ],
)
def test_a_role_is_an_animate_noun_without_its_pronoun(sentence: str, role: str | None) -> None:
    roles = {m.name: m.role for m in find_mentions_ru(sentence) if m.kind == "person"}
    assert roles == {"Илья Гордеев": role}


def test_the_headline_gives_the_full_name_the_body_shortens() -> None:
    report = analyse_actors_ru(
        "Собянин сообщил, что станции закроют на три недели. Собянин добавил, что запустят автобусы.",
        title="Мэр Москвы Сергей Собянин объявил о закрытии станций метро",
    )
    sobyanin = _by_name(report.actors)["Сергей Собянин"]
    assert sobyanin.role == "Мэр Москвы"
    assert sobyanin.mentions == 3


def test_an_article_without_people_still_names_its_place() -> None:
    d = make_digest(Article(text=read_article("ru-zavod.txt")))
    assert [(a.name, a.kind) for a in d.actors] == [("Самара", "place")]


def test_only_a_bounded_prefix_of_a_huge_text_is_analysed() -> None:
    filler = "Жители города обсуждали новости на площади весь вечер. " * (NER_MAX_CHARS // 50)
    report = analyse_actors_ru(
        "Мэр Тулы Дмитрий Миляев открыл парк. " + filler + "Глава Калуги Иван Петров уехал."
    )
    names = [a.name for a in report.actors]
    assert "Дмитрий Миляев" in names
    assert "Иван Петров" not in names
