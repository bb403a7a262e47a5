"""What an actor is (person, organization, place), whether it is an event, and whether the text treats it
as one who acts."""

from __future__ import annotations

from bot.model import ActorKind
from bot.pipeline.actors.en.model import _Cluster
from bot.pipeline.actors.en.vocabulary import (
    _BODY_HEAD,
    _EVENT,
    _KIN,
    _LABEL_KIND,
    _ORG_COUNTRIES,
    _ORG_NOUN,
    _OUTLET,
    _OUTLET_ROLE,
    _VENUE,
)


def _kind(c: _Cluster) -> ActorKind:
    if c.name in _ORG_COUNTRIES:
        return "organization"
    person_votes = 2 * c.kind_votes["PERSON"] > c.kind_votes.total()
    # "Hyde Park" is a place however spaCy votes; "Dougie Hall", the Glasgow hooker, is a person.
    person_shown = person_votes and bool(c.roles or c.person_mentions or c.person_roles)
    if c.country or (_VENUE.search(c.name) and not person_shown):
        return "place"
    if c.team_mentions > c.locative_mentions and not person_votes:
        return "organization"  # "Newcastle boss X", "Liverpool are": the club, not the city
    if _BODY_HEAD.search(c.name):
        return "organization"  # "Montgomery County Police Department", however often "Montgomery County" is a place
    if c.roles and any(_ORG_NOUN.search(r) for r in c.roles) and c.kind_votes["PERSON"] == 0:
        return "organization"
    # spaCy reads a full name in more context than a bare "Dortmund" or "Julia": when it labels the full name
    # the same way at least twice, that label stands.
    votes = c.full_votes if len(c.full_votes) == 1 and c.full_votes.total() >= 2 else c.kind_votes
    label = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0]
    if label == "PERSON":
        if (
            c.body_cues >= max(2, 2 * c.person_mentions + 1)
            and not c.roles
            and (
                all(len(f.split()) == 1 for f in c.forms)
                or (c.full_votes.total() and not c.full_votes["PERSON"])
            )
        ):
            # A one-word "person" the text writes as a body ("Labour have", "an Aldi", "Sky employers", "the
            # Steelers") and gives no role, whose full name, if the text gives one, is never tagged a person: a
            # body. "Messi fans" alone is not enough: "Corbyn supporters" are written so too.
            return "organization"
    elif c.kind_votes["PERSON"] and 2 * c.person_mentions >= max(4, c.body_cues + 1):
        return "person"  # "Julia, who…" twice, however often spaCy called "Julia" a body
    elif c.person_roles and not c.roles and not c.body_cues and len(c.name.split()) >= 2:
        return "person"  # "Wales prop Gethin Jenkins" tagged a place: an occupation before a full name
    return _LABEL_KIND.get(label, "organization")


def _is_event(c: _Cluster) -> bool:
    """A competition, election or other event ("Premier League"): not an actor, nor one "also named"."""
    return any(_EVENT.search(form) for form in (c.name, *c.forms))


def _is_actor(c: _Cluster, kind: ActorKind, *, in_title: bool) -> bool:
    """Whether the text treats this name as one who acts, not as a setting, a source or a passing mention.

    The cues: a role the text gives, speaking, being the subject of a verb (`acting_mentions`), and for
    organizations being named often and in the headline without mostly being a place ("at Intermix")."""
    acts = c.acting_mentions
    if kind == "place":
        # "Greece has denied…" acts, and so does a state through its own people and bodies ("Ukraine's military
        # intelligence", "the president of Belarus") or as the one acted on ("force Ukraine to"); "in Brisbane",
        # "visited Belarus" and "Greek officials" locate or describe.
        as_state = acts + c.state_mentions
        return (as_state >= 2 or (as_state >= 1 and in_title)) and as_state >= c.locative_mentions
    # "The Chronicle says police…", "according to the Examiner": reporting and being cited are how a story is
    # sourced, not speaking in it. An outlet acts when it does something else ("the BBC decided not to renew…").
    outlet = (
        kind == "organization"
        and not in_title
        and (bool(_OUTLET.search(c.name)) or any(_OUTLET_ROLE.search(r) for r in c.roles))
    )
    if outlet and acts <= c.reporting_mentions:
        return False
    if (c.speaker and not outlet) or c.strong_roles or (c.listed and kind == "organization"):
        # People listed together are as often a caption's cast ("X, Y and Z enjoy a joke") as parties.
        return True
    # An occupation ("Arsenal boss X") with a subject cue or a second mention; a kinship role ("her husband X")
    # never vouches.
    if (acts or c.mentions >= 2) and any(not _KIN.search(r.lower()) for r in c.roles):
        return True
    if kind == "person":
        return (acts >= 1 and c.mentions >= 2) or c.mentions >= 4
    if _is_event(c):
        return False
    # A body is rarely the subject of a verb in passing ("the Eurogroup would not release…"); being the agent
    # of a passive is often just a source ("obtained by Live Leak"), so that needs a second mention.
    return (
        (acts >= 1 and c.mentions >= 2)
        or c.subject_mentions >= 1
        or (c.mentions >= 3 and in_title and 2 * c.setting_mentions < c.mentions)
    )
