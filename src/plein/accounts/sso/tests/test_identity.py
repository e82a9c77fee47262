"""The identity rule on its own: names, departments and the refusals the protocols share."""

import pytest

from plein.accounts.sso.identity import ExternalClaims, SignInRefused, department_from
from plein.accounts.sso.models import ExternalIdentity
from plein.accounts.sso.services import identity_sign_in
from plein.people.models import Person
from plein.people.tests.factories import DepartmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.org"


def claims(**values: str) -> ExternalClaims:
    return ExternalClaims(protocol="oidc", issuer=ISSUER, **values)  # type: ignore[arg-type]


def test_names_come_from_the_full_name_when_the_parts_are_missing():
    assert claims(subject="s", name="Anne de Boer").names() == ("Anne", "de Boer")
    assert claims(subject="s", first_name="An", last_name="Bos", name="X Y").names() == (
        "An",
        "Bos",
    )


def test_a_department_is_found_by_code_path_or_unique_name():
    top = DepartmentFactory(name="Sociaal Domein", code="SD")
    child = DepartmentFactory(name="Jeugd", parent=top)
    DepartmentFactory(name="Jeugd")  # a second "Jeugd" elsewhere
    assert department_from("SD") == top
    assert department_from("sociaal domein > jeugd") == child
    assert department_from("Sociaal Domein") == top
    assert department_from("Jeugd") is None  # which one? none rather than a guess
    assert department_from("Sociaal Domein > Onbekend") is None
    assert department_from("") is None


def test_a_new_person_needs_an_email_address_and_a_name():
    with pytest.raises(SignInRefused) as refusal:
        identity_sign_in(claims=claims(subject="s", first_name="Zonder"), create_people=True)
    assert refusal.value.reason == SignInRefused.INCOMPLETE
    assert not Person.objects.filter(first_name="Zonder").exists()


def test_an_employee_number_linked_to_another_subject_is_a_conflict():
    person = PersonFactory(employee_number="E9")
    ExternalIdentity.objects.create(person=person, protocol="oidc", issuer=ISSUER, subject="old")
    with pytest.raises(SignInRefused) as refusal:
        identity_sign_in(claims=claims(subject="new", employee_number="E9"), create_people=True)
    assert refusal.value.reason == SignInRefused.CONFLICT
    assert list(person.external_identities.values_list("subject", flat=True)) == ["old"]
    # At another provider the same person may have a work account of their own.
    other = ExternalClaims(protocol="saml", issuer=ISSUER, subject="new", employee_number="E9")
    assert identity_sign_in(claims=other, create_people=False) == person


def test_a_link_made_at_the_same_moment_elsewhere_refuses_this_login(monkeypatch):
    person = PersonFactory(employee_number="E10")
    original = ExternalIdentity.save

    def linked_concurrently(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is None:  # the other request's link lands first
            other = ExternalIdentity(
                person=person, protocol="oidc", issuer=ISSUER, subject=self.subject
            )
            original(other)
        original(self, *args, **kwargs)

    monkeypatch.setattr(ExternalIdentity, "save", linked_concurrently)
    with pytest.raises(SignInRefused) as refusal:
        identity_sign_in(claims=claims(subject="s", employee_number="E10"), create_people=False)
    assert refusal.value.reason == SignInRefused.INVALID
