import pytest

from cas_pratiques.models import CasPratique

ACTIONS = ["view_cas", "edit_cas", "submit_cas", "review_cas", "withdraw_cas"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("ambassadeur", {"view_cas"}),
        ("pilote", {"view_cas"}),
        ("resident", {"view_cas", "edit_cas", "review_cas"}),
        ("coordinateur", {"view_cas", "edit_cas", "review_cas"}),
        ("other_member", set()),
        ("outsider", set()),
    ],
)
def test_permissions_on_a_case_under_review(cast, cas_a_relire, who, expected):
    user = cast[who]
    allowed = {
        action for action in ACTIONS if user.has_perm(f"cas_pratiques.{action}", cas_a_relire)
    }
    assert allowed == expected


@pytest.mark.parametrize(
    ("fixture", "action"),
    [("cas", "submit_cas"), ("cas_a_relire", "review_cas"), ("cas_publie", "withdraw_cas")],
)
def test_each_step_of_publication_has_its_state(request, resident, fixture, action):
    cas = request.getfixturevalue(fixture)
    others = [a for a in ["submit_cas", "review_cas", "withdraw_cas"] if a != action]
    assert resident.has_perm(f"cas_pratiques.{action}", cas)
    assert not any(resident.has_perm(f"cas_pratiques.{a}", cas) for a in others)


def test_for_user_lists_what_the_predicate_allows(cast, cas, cas_autre_transfo):
    for user in filter(None, cast.values()):
        listed = set(CasPratique.objects.for_user(user))
        allowed = {
            c for c in CasPratique.objects.all() if user.has_perm("cas_pratiques.view_cas", c)
        }
        assert listed == allowed


def test_publies_lists_published_cases_only(cas, cas_a_relire, cas_publie):
    assert list(CasPratique.objects.publies()) == [cas_publie]
