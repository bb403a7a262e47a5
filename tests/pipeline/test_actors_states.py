"""States as actors: a country that acts or is acted on as a state is an actor; one that only locates is not."""

from __future__ import annotations

import pytest

from bot.pipeline.actors.en import extract_actors, find_mentions
from bot.pipeline.actors.en.merge import _merge
from bot.pipeline.actors.en.names import _common_words

# Invented stories, each naming the state as often "in" it as in any other way: only how the state is written
# tells an actor from a setting.
STATE_ACTS_THROUGH_ITS_OWN = [
    (
        "Officials in Lisbon met trade envoys on Monday. The talks in Portugal lasted two days, and more talks in "
        "Portugal are planned. Portugal's foreign ministry said the deal was close, and the government of "
        "Portugal has promised new measures. Finance minister Rui Tavares said the budget would be ready in May. "
        "Tavares said the cuts would not touch pensions.",
        "Portugal",
    ),
    (
        "Investors in Kenya were waiting for the decision. Banks in Kenya had raised fees, and traders expected "
        "more. The president of Kenya called the rise temporary, and Kenya's central bank cut its rate "
        "on Thursday. Economist Grace Wanjiru said the cut came late. Wanjiru said prices would stay high.",
        "Kenya",
    ),
]
STATE_ACTED_ON = [
    (
        "Rebel groups crossed into Chad on Friday, officials said. Fighting in Chad has displaced thousands. Sudan "
        "has urged Chad to close its border, and the rebels want to force Chad into talks. Chad's army said it "
        "had pushed the rebels back. Refugees fled to camps in Chad. Aid worker Marie Okello said the camps were "
        "full. Okello said food would run out within a week.",
        "Chad",
    ),
    (
        "Farmers in Peru are bracing for a hard year. Exporters in Peru have cut orders. The drought has forced "
        "Peru to import rice, and lenders have pressed Peru to cut spending. Agriculture minister Luis Quispe "
        "said the rains were late. Quispe said aid would reach the highlands in June.",
        "Peru",
    ),
]
PLACE_ONLY_WHERE = [
    (
        "Minister Ana Ruiz visited Chile on Tuesday. She toured Chile's northern coast and met farmers in Chile, "
        "then flew back. Ruiz said the farmers needed water. Ruiz said the ministry would send engineers to the "
        "region next month, and Ruiz promised a report by June.",
        "Chile",
    ),
    (
        "Climber Tom Berg reached Nepal in April and trekked through Nepal's eastern valleys for a month. Berg "
        "said the weather in Nepal was kind. Berg left Nepal in May and said he would return next year.",
        "Nepal",
    ),
]


@pytest.mark.parametrize(("text", "state"), STATE_ACTS_THROUGH_ITS_OWN)
def test_a_state_acting_through_its_own_people_and_bodies_is_an_actor(text: str, state: str) -> None:
    # "Portugal's foreign ministry said", "the president of Kenya called": the state acts through its own.
    actors = {a.name: a for a in extract_actors(text)}
    assert state in actors
    assert actors[state].kind == "place"


@pytest.mark.parametrize(("text", "state"), STATE_ACTED_ON)
def test_a_state_acted_on_is_an_actor(text: str, state: str) -> None:
    # "has urged Chad to", "forced Peru to": what is done to a state is done to it as a state.
    assert state in [a.name for a in extract_actors(text)]


@pytest.mark.parametrize(("text", "place"), PLACE_ONLY_WHERE)
def test_a_place_only_visited_located_or_described_is_no_actor(text: str, place: str) -> None:
    # "visited Chile", "Chile's northern coast", "left Nepal": a destination or a setting, not a state acting.
    assert place not in [a.name for a in extract_actors(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian officials have been closely monitoring developments near the border.",
        "Ukrainian officials were watching the border closely, a spokesman said.",
    ],
)
def test_a_demonym_the_tagger_calls_a_place_still_acts_through_its_officials(text: str) -> None:
    # spaCy's small model may tag "Ukrainian" as a place (GPE) rather than a nationality (NORP); its officials
    # acting is the state acting either way.
    demonyms = [m for m in find_mentions(text) if m.text == "Ukrainian"]
    assert demonyms
    assert all(m.acts for m in demonyms)


@pytest.mark.parametrize(
    "text",
    [
        "Talks ended on Monday, according to the Belarusian leader's office. Belarus has agreed to the terms.",
        "Grain prices rose, according to the Hungarian farm ministry. Hungary has asked for help.",
        "Prices fell in Polish shops last month. Poland has promised to act.",
    ],
)
def test_a_demonym_is_an_adjective_never_a_locative(text: str) -> None:
    # "according to the Belarusian leader's office" locates the office, not Belarus.
    clusters = _merge(text, find_mentions(text), _common_words(text))
    countries = [c for c in clusters if c.country]
    assert countries
    assert all(c.locative_mentions == 0 and c.setting_mentions == 0 for c in countries)
