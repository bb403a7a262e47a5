"""The English analysis's own records: one mention of a name, and the cluster of one actor's mentions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    text: str  # the cleaned surface form
    label: str  # spaCy label
    start: int  # character offset in the analysed text
    end: int
    raw: str  # the entity text as found
    acts: bool = False  # grammatical cue that the named one acts here: subject of a verb, agent after "by"
    listed: bool = False  # acts as a member of a list ("X, Y and Z agreed"): the others are parties too
    body: int = 0  # how surely it is written as a body's: 2 "an Aldi", "Arsenal are"; 1 "Arsenal fans"
    person: bool = False  # written as a person's name is: "Julia, who…", "Roe, 38, said"
    team: bool = False  # written as a team's name is: "Newcastle boss X", "Liverpool are"
    state: bool = (
        False  # a place written as a state that is acted on or acts through its own: "force Ukraine to"
    )


@dataclass
class _Cluster:
    name: str
    kind_votes: Counter[str] = field(default_factory=Counter)
    full_votes: Counter[str] = field(default_factory=Counter)  # of mentions by a name of two words or more
    body_cues: int = 0  # sum of Mention.body
    person_mentions: int = 0  # Mention.person
    team_mentions: int = 0  # Mention.team
    forms: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    first: int = 10**9
    roles: list[str] = field(default_factory=list)
    strong_roles: list[str] = field(default_factory=list)  # titles, offices, appositives: show an actor alone
    person_roles: list[str] = field(default_factory=list)  # read at mentions spaCy called a body
    country: bool = False
    demonym_mentions: int = 0
    locative_mentions: int = 0  # "in Paris", "from Germany": where, not who
    setting_mentions: int = 0  # "at Intermix", "told the Mail": where or through whom, for a body
    speaker: bool = False  # quoted or reported speaking: acting even if named once
    acting_mentions: int = 0  # mentions with a subject/agent cue (Mention.acts)
    listed: int = 0  # acting mentions as one of a list of parties (Mention.listed)
    subject_mentions: int = 0  # acting mentions as the subject of a verb, not the agent after "by"
    state_mentions: int = 0  # Mention.state
    reporting_mentions: int = 0  # acting mentions whose verb reports ("the Chronicle says", "AP reported")
