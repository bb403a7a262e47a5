"""Russian actors: names merged across their case forms, in the nominative, with the role the sentence gives."""

from __future__ import annotations

import pytest
from conftest import read_article

from bot.model import Actor, Article, Digest
from bot.pipeline.actors.common import NER_MAX_CHARS, ActorReport
from bot.pipeline.actors.ru import analyse_actors, find_mentions
from bot.pipeline.digest import make_digest


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
    mentions = find_mentions(
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
    roles = {m.name: m.role for m in find_mentions(sentence) if m.kind == "person"}
    assert roles == {"Илья Гордеев": role}


def test_the_headline_gives_the_full_name_the_body_shortens() -> None:
    report = analyse_actors(
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
    report = analyse_actors(
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
    roles = {m.name: m.role for m in find_mentions(sentence) if m.kind == "person"}
    assert roles[name] == role


def test_initials_alone_and_families_are_not_people() -> None:
    text = (
        "Как рассказал А.Б., сделка сорвалась. Братья Смирновы и супруги Петровы пришли на приём к Олегу Ли."
    )
    assert [m.name for m in find_mentions(text) if m.kind == "person"] == ["Олег Ли"]


def test_forms_the_morphology_misses_join_the_name_they_inflect() -> None:
    report = analyse_actors(
        "Председатель ЦБ Эльвира Набиуллина выступила в Думе. Депутаты спорили с Эльвирой Набиуллиной "
        "два часа. Набиуллину спросили о ставке, и Набиуллина ответила, что ставка не изменится.",
        title="Депутаты спросили Набиуллину о ставке",
    )
    people = [a for a in report.actors if a.kind == "person"]
    assert [p.name for p in people] == ["Эльвира Набиуллина"]
    assert {"Эльвирой Набиуллиной", "Набиуллину"} <= set(people[0].aliases)


def test_a_legal_form_and_its_quotes_are_not_part_of_an_organization_name() -> None:
    report = analyse_actors(
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
    plain = analyse_actors(body)
    headlined = analyse_actors(body, title="Захарова ответила послу")
    assert plain.actors[0].name == "Анна Фогель"
    assert headlined.actors[0].name == "Мария Захарова"


def test_whitespace_only_text_has_no_actors() -> None:
    assert analyse_actors(" \n\n ").actors == []


def _people(report: ActorReport) -> dict[str, int]:
    return {a.name: a.mentions for a in report.actors if a.kind == "person"}


def test_a_first_name_alone_in_any_case_joins_the_one_full_name_opening_with_it() -> None:
    report = analyse_actors(
        "Андрей Рудаков, Олеся Куприна и Евгения Левченко ведут кулинарные блоги. Андрей рассказал, что начал с "
        "рецептов супов. У Олеси в блоге сто тысяч подписчиков. Проголосовать за Евгению можно до пятницы."
    )
    # "Евгения Левченко" is one of a list of subjects: a woman in the nominative, not a man's genitive.
    assert _people(report) == {"Андрей Рудаков": 2, "Олеся Куприна": 2, "Евгения Левченко": 2}
    assert report.also_named == []


def test_a_first_name_two_people_share_is_nobody_the_reader_can_tell() -> None:
    report = analyse_actors("Ольга Титова и Ольга Белых получили премию. Ольге вручили диплом.")
    assert _people(report) == {"Ольга Титова": 1, "Ольга Белых": 1}
    assert report.also_named == []


def test_a_first_name_without_a_full_name_is_one_actor_in_the_nominative() -> None:
    report = analyse_actors("Полине исполнилось 53 года. Полина по-прежнему снимается в кино.")
    assert _people(report) == {"Полина": 2}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Эксперты поспорили с Олесей Куприной.", "Олеся Куприна"),
        ("Книгу Олеси Куприной издали весной.", "Олеся Куприна"),
        # The tagger reads "Олесю" as a man's dative: the surname's case and the first name's gender agree.
        ("Жюри выбрало Олесю Куприну.", "Олеся Куприна"),
        # The dictionary knows "Мантурова" only as a town's genitive.
        ("Дениса Мантурова встретили в аэропорту.", "Денис Мантуров"),
        # A guessed paradigm dropped a vowel a foreign name keeps ("Шолец").
        ("Переговоры с Олафом Шольцем прошли в Берлине.", "Олаф Шольц"),
    ],
)
def test_a_name_is_read_in_one_gender_and_one_case(sentence: str, name: str) -> None:
    assert [m.name for m in find_mentions(sentence) if m.kind == "person"] == [name]


def test_initials_after_a_surname_are_one_name_with_it() -> None:
    alone = find_mentions("Песков Д.С. сообщил журналистам о встрече.")
    assert [(m.name, m.text) for m in alone if m.kind == "person"] == [("Д.С. Песков", "Песков Д.С.")]
    report = analyse_actors(
        "Распоряжение подписал Ковалёв А.Н. ещё в феврале. Губернатор Алексей Ковалёв открыл форум. Указ подписал "
        "Путин В.В. в понедельник. Президент России Владимир Путин провёл совещание."
    )
    people = {a.name: a for a in report.actors if a.kind == "person"}
    assert {n: a.mentions for n, a in people.items()} == {"Алексей Ковалёв": 2, "Владимир Путин": 2}
    assert "Ковалёв А.Н." in people["Алексей Ковалёв"].aliases


def test_initials_join_the_full_name_they_fit_and_no_other() -> None:
    report = analyse_actors(
        "Как заявил Д.С. Песков, встреча состоится. Пресс-секретарь президента Дмитрий Песков уточнил время. "
        "А.Б. Песков, его однофамилец, промолчал."
    )
    assert _people(report) == {"Дмитрий Песков": 2, "А.Б. Песков": 1}


@pytest.mark.parametrize(
    ("text", "people", "organizations"),
    [
        ("Глава Nvidia Jensen Huang выступил на конференции.", ["Jensen Huang"], ["Nvidia"]),
        ("По словам Sam Altman, OpenAI готовит новую модель.", ["Sam Altman"], ["OpenAI"]),
        (
            "Tesla и Goldman Sachs подписали соглашение, сообщил Bloomberg.",
            [],
            ["Tesla", "Goldman Sachs", "Bloomberg"],
        ),
        # The English NER takes a brand or a club named after people for a person; the text says what it is.
        ("Бренд Hugo Boss представил новую коллекцию.", [], ["Hugo Boss"]),
        ("Игроки клуба Manchester United вышли на поле.", [], ["Manchester United"]),
    ],
)
def test_latin_script_names_are_people_when_they_are(
    text: str, people: list[str], organizations: list[str]
) -> None:
    report = analyse_actors(text)
    assert [a.name for a in report.actors if a.kind == "person"] == people
    assert [a.name for a in report.actors if a.kind == "organization"] == organizations


def test_a_latin_surname_alone_is_the_person_named_with_it() -> None:
    report = analyse_actors(
        "Основатель стартапа Daniel Whitfield приехал в Москву. Whitfield добавил, что вернётся осенью."
    )
    whitfield = _by_name(report.actors)["Daniel Whitfield"]
    assert (whitfield.kind, whitfield.mentions, whitfield.role) == ("person", 2, "Основатель стартапа")


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        ("Марин Ле Пен выступила в Париже. Ле Пен заявила, что победит.", "Марин Ле Пен", 2),
        # A Chinese or Korean surname comes first, and only the last word declines.
        (
            "Председатель КНР Си Цзиньпин прибыл в Москву. Си провёл переговоры. С Си Цзиньпином встретился премьер.",
            "Си Цзиньпин",
            3,
        ),
        (
            "Лидер КНДР Ким Чен Ын осмотрел завод. Ким остался доволен. Встреча с Ким Чен Ыном прошла хорошо. "
            "Ким Чен Ына встретили в аэропорту.",
            "Ким Чен Ын",
            4,
        ),
    ],
)
def test_a_short_surname_joins_its_full_name(text: str, name: str, mentions: int) -> None:
    assert _people(analyse_actors(text)) == {name: mentions}


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Врио губернатора области Алексей Смирнов открыл школу.", "Врио губернатора области"),
        ("С врио главы Северогорска Сергеем Лаптевым встретились депутаты.", "Врио главы Северогорска"),
        ("Указ подписал исполняющий обязанности министра Олег Петров.", "Исполняющий обязанности министра"),
        (
            "Алексей Смирнов, временно исполняющий обязанности губернатора, открыл школу.",
            "Временно исполняющий обязанности губернатора",
        ),
        # "и. о." is four tokens to the parser, which took "И" for the role.
        ("Встреча с и. о. главы района Игорем Волковым прошла вчера.", "И. о. главы района"),
        ("Школу посетил и.о. мэра Игорь Волков.", "И. о. мэра"),
    ],
)
def test_an_acting_office_keeps_its_acting(sentence: str, role: str) -> None:
    assert [m.role for m in find_mentions(sentence) if m.kind == "person"] == [role]


def test_a_common_noun_is_no_part_of_a_name_and_a_name_never_crosses_a_line() -> None:
    report = analyse_actors(
        "Диета Аткинса\n\nДиета Аткинса популярна. Идеолог диеты, доктор Аткинс, запрещает сахар.\n\n"
        "Предпочтению всегда отдам морепродуктам. Так сказала шеф-повар Анна Громова."
    )
    people = {a.name: (a.mentions, a.role) for a in report.actors if a.kind == "person"}
    assert people == {"Аткинс": (3, "Доктор"), "Анна Громова": (1, "Шеф-повар")}


@pytest.fixture(scope="module")
def forum() -> Digest:
    return make_digest(Article(text=read_article("ru-actors-forum.txt")))


def test_a_regional_story_names_each_person_once_in_the_nominative(forum: Digest) -> None:
    people = {a.name: a for a in forum.actors if a.kind == "person"}
    named = [*people, *forum.also_named]
    # "Ковалёв А.Н.", "Ковалёва"; "Марина", "с Мариной Соколовой", "Соколовой"; "Whitfield"; "Ле Гофф"; "Ли".
    assert people["Алексей Ковалёв"].mentions == 5
    assert people["Марина Соколова"].mentions == 5
    assert people["Daniel Whitfield"].mentions == 3
    assert people["Анн-Мари Ле Гофф"].mentions == 2
    assert people["Ли Вэньцзе"].mentions == 2
    assert "Sarah Lindqvist" in named
    assert not {"Марина", "Ольга", "Ли", "Ле Гофф", "А.Н. Ковалёв", "Whitfield"} & set(named)
    # The companies are named apart from their people, not glued to them.
    organizations = {
        m.name for m in find_mentions(read_article("ru-actors-forum.txt")) if m.kind == "organization"
    }
    assert {"Quantra Robotics", "Northline Research"} <= organizations
    assert not {"Quantra Robotics Daniel Whitfield", "Northline Research Sarah Lindqvist"} & organizations


def test_a_headline_without_a_full_stop_is_not_read_into_the_first_sentence(forum: Digest) -> None:
    kovalev = _by_name(forum.actors)["Алексей Ковалёв"]
    assert kovalev.role == "Врио губернатора Северогорской области"
