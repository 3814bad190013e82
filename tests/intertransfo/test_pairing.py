"""The chat'roulette's pairing rules, checked on any population (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from collectivites.choices import Role
from intertransfo.pairing import COORDINATION_TEAM, Personne, pair_up, pairs_of, personnes

ROLES = [Role.AMBASSADEUR, Role.RESIDENT, Role.PILOTE, Role.RELAIS]

people = st.lists(
    st.builds(
        Personne,
        id=st.integers(1, 60),
        equipes=st.frozensets(st.integers(1, 6), min_size=1, max_size=2),
        role=st.sampled_from(ROLES),
    ),
    max_size=30,
    unique_by=lambda p: p.id,
)


def history_of(candidates):
    ids = [p.id for p in candidates]
    return st.sets(
        st.tuples(st.sampled_from(ids), st.sampled_from(ids))
        .filter(lambda pair: pair[0] != pair[1])
        .map(frozenset),
        max_size=40,
    )


@st.composite
def populations(draw):
    candidates = draw(people)
    history = draw(history_of(candidates)) if len(candidates) > 1 else set()
    return candidates, history, draw(st.integers(0, 1000))


@settings(max_examples=200, deadline=None)
@given(populations())
def test_every_meeting_follows_the_rules(population):
    candidates, history, seed = population
    result = pair_up(candidates, already_met=history, seed=seed)
    by_id = {p.id: p for p in candidates}
    placed = [i for group in result.groupes for i in group] + result.laisses
    # Everyone is placed exactly once: in one meeting, or left out.
    assert sorted(placed) == sorted(by_id)
    for group in result.groupes:
        assert len(group) in (2, 3)
    # Never two people of the same Transfo, never a pair met within the year.
    for pair in pairs_of(result.groupes):
        a, b = (by_id[i] for i in pair)
        assert not a.equipes & b.equipes
        assert pair not in history


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 25), st.integers(0, 1000))
def test_odd_numbers_make_one_trio_and_leave_nobody_out(count, seed):
    """When everyone may meet everyone, all are paired; an odd number gives one trio."""
    candidates = [
        Personne(id=i, equipes=frozenset({i}), role=Role.AMBASSADEUR) for i in range(count)
    ]
    result = pair_up(candidates, seed=seed)
    trios = [g for g in result.groupes if len(g) == 3]
    if count >= 2:
        assert result.laisses == []
        assert len(trios) == count % 2
    else:
        assert result.laisses == [p.id for p in candidates]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 30), st.integers(1, 6), st.sampled_from([*ROLES, Role.COORDINATEUR])
        ),
        max_size=50,
    ),
    st.sets(st.integers(1, 30)),
)
def test_only_those_who_opted_in_are_paired(memberships, opted_in):
    candidates = personnes(memberships, opted_in)
    assert {p.id for p in candidates} == {u for u, _t, _r in memberships} & opted_in
    result = pair_up(candidates)
    assert {i for g in result.groupes for i in g} <= opted_in


def test_coordinators_make_one_team_and_are_not_paired_together():
    memberships = [
        (1, 10, Role.COORDINATEUR),
        (1, 11, Role.COORDINATEUR),
        (2, 12, Role.COORDINATEUR),
    ]
    candidates = personnes(memberships, {1, 2})
    assert {p.equipes for p in candidates} == {frozenset({COORDINATION_TEAM})}
    assert pair_up(candidates).groupes == []


def test_roles_are_mixed_where_possible():
    candidates = [
        Personne(1, frozenset({1}), Role.AMBASSADEUR),
        Personne(2, frozenset({2}), Role.AMBASSADEUR),
        Personne(3, frozenset({3}), Role.RESIDENT),
        Personne(4, frozenset({4}), Role.RESIDENT),
    ]
    for seed in range(20):
        for group in pair_up(candidates, seed=seed).groupes:
            assert {candidates[i - 1].role for i in group} == {Role.AMBASSADEUR, Role.RESIDENT}
