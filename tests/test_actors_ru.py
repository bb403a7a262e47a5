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


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        # The parser hangs the name on the last noun of the role; the role is the whole of it.
        (
            "Как сообщил пресс-секретарь президента Д.С. Песков, встреча состоится.",
            "Д.С. Песков",
            "Пресс-секретарь президента",
        ),
        # Kinship is no role, but the apposition after the name is.
        (
            "Его брат Игорь Смирнов, владелец компании «СтройИнвест», отказался от комментариев.",
            "Игорь Смирнов",
            "Владелец компании «СтройИнвест»",
        ),
        ("Его жена Анна Петрова пришла в суд.", "Анна Петрова", None),
        # A role noun opening the sentence is capitalized, and the tagger calls it a proper noun.
        ("Экс-президент Грузии Михаил Саакашвили подал жалобу.", "Михаил Саакашвили", "Экс-президент Грузии"),
    ],
)
def test_the_role_is_the_whole_title_and_never_a_kinship(sentence: str, name: str, role: str | None) -> None:
    roles = {m.name: m.role for m in find_mentions_ru(sentence) if m.kind == "person"}
    assert roles[name] == role


def test_initials_alone_and_families_are_not_people() -> None:
    text = (
        "Как рассказал А.Б., сделка сорвалась. Братья Смирновы и супруги Петровы пришли на приём к Олегу Ли."
    )
    assert [m.name for m in find_mentions_ru(text) if m.kind == "person"] == ["Олег Ли"]


def test_forms_the_morphology_misses_join_the_name_they_inflect() -> None:
    report = analyse_actors_ru(
        "Председатель ЦБ Эльвира Набиуллина выступила в Думе. Депутаты спорили с Эльвирой Набиуллиной "
        "два часа. Набиуллину спросили о ставке, и Набиуллина ответила, что ставка не изменится.",
        title="Депутаты спросили Набиуллину о ставке",
    )
    people = [a for a in report.actors if a.kind == "person"]
    assert [p.name for p in people] == ["Эльвира Набиуллина"]
    assert {"Эльвирой Набиуллиной", "Набиуллину"} <= set(people[0].aliases)


def test_a_legal_form_and_its_quotes_are_not_part_of_an_organization_name() -> None:
    report = analyse_actors_ru(
        "ПАО «Газпром» и «Сбербанк» подписали соглашение. «Газпром» получит кредит. Глава «Газпрома» Алексей "
        "Миллер назвал сделку важной. В ПАО «Сбербанк» подтвердили подписание."
    )
    orgs = {a.name: a.mentions for a in report.actors if a.kind == "organization"}
    assert orgs == {"Газпром": 3, "Сбербанк": 2}


def test_a_bare_surname_in_the_headline_lifts_that_person() -> None:
    body = (
        "Посол Германии Анна Фогель вручила ноту в Москве, сообщило посольство. "
        "Официальный представитель МИД России Мария Захарова назвала ноту провокацией."
    )
    plain = analyse_actors_ru(body)
    headlined = analyse_actors_ru(body, title="Захарова ответила послу")
    assert plain.actors[0].name == "Анна Фогель"
    assert headlined.actors[0].name == "Мария Захарова"


def test_whitespace_only_text_has_no_actors() -> None:
    assert analyse_actors_ru(" \n\n ").actors == []
