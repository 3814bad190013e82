"""The chat'roulette's pairing, as pure functions (no database): who may meet whom.

Rules: two people of the same Transfo are never paired (the coordination of La 27e Région
counts as one team); a pair met within the last twelve months is never paired again; roles
are mixed where possible (an ambassadeur with a résident, a pilote, a coordinator...).

Odd numbers (and people the rules leave alone): whoever is left without a partner joins a
compatible pair as a trio (at most three people to a meeting); when no pair can take them,
they are left out this month, recorded on the round so the coordination sees them.
"""

import random
from dataclasses import dataclass, field

from collectivites.choices import Role

COORDINATION_TEAM = "27e"


@dataclass(frozen=True)
class Personne:
    id: int
    equipes: frozenset
    role: str


@dataclass
class Appariement:
    groupes: list = field(default_factory=list)
    laisses: list = field(default_factory=list)


def personnes(memberships, opted_in):
    """The people to pair: those who opted in, with their teams and main role.

    `memberships`: (user_id, transfo_id, role) of active memberships; coordinators (who
    are coordinators of every Transfo) make one team, La 27e Région.
    """
    opted_in = set(opted_in)
    teams, roles = {}, {}
    for user_id, transfo_id, role in memberships:
        if user_id not in opted_in:
            continue
        if role == Role.COORDINATEUR:
            teams.setdefault(user_id, set()).add(COORDINATION_TEAM)
            roles.setdefault(user_id, role)
        else:
            teams.setdefault(user_id, set()).add(transfo_id)
            if roles.get(user_id) in (None, Role.COORDINATEUR):
                roles[user_id] = role
    return [
        Personne(id=user_id, equipes=frozenset(teams[user_id]), role=roles[user_id])
        for user_id in sorted(teams)
    ]


def compatible(a, b, already_met):
    return (
        a.id != b.id and not (a.equipes & b.equipes) and frozenset((a.id, b.id)) not in already_met
    )


def pair_up(candidats, already_met=frozenset(), seed=0):
    """Pairs (and at most trios) of `candidats` under the rules above; deterministic for a seed.

    Greedy: the person with the fewest possible partners is paired first, with the partner
    of another role who has the fewest options, so that the scarce ones are not stranded.
    """
    people = sorted({p.id: p for p in candidats}.values(), key=lambda p: p.id)
    random.Random(seed).shuffle(people)
    order = {p.id: index for index, p in enumerate(people)}
    options = {p.id: {q.id for q in people if compatible(p, q, already_met)} for p in people}
    by_id = {p.id: p for p in people}
    free = set(by_id)
    result = Appariement()
    while free:
        person = min(free, key=lambda i: (len(options[i] & free), order[i]))
        partners = options[person] & free
        if not partners:
            free.discard(person)
            result.laisses.append(person)
            continue
        partner = min(
            partners,
            key=lambda i: (by_id[i].role == by_id[person].role, len(options[i] & free), order[i]),
        )
        free -= {person, partner}
        result.groupes.append([person, partner])

    alone = result.laisses
    result.laisses = []
    for person in alone:
        trio = next(
            (
                group
                for group in result.groupes
                if len(group) == 2 and all(other in options[person] for other in group)
            ),
            None,
        )
        if trio is None:
            result.laisses.append(person)
        else:
            trio.append(person)
    result.groupes = [tuple(group) for group in result.groupes]
    return result


def pairs_of(groupes):
    """Every pair met in these groups (a trio makes three)."""
    return {frozenset((a, b)) for group in groupes for a in group for b in group if a != b}
