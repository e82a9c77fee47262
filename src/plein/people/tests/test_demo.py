import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils import timezone

from plein.core.models import Branding
from plein.core.registries.demo import DEMO_STEPS, DemoStep
from plein.people.demo import DEMO_LOGINS, NAME_PREFIXES, split_last_name
from plein.people.models import Department, Location, Person, Tag
from plein.people.selectors import profile_completeness
from plein.people.tests.factories import PersonFactory
from plein.spaces.help import HELP_SPACE_SLUG
from plein.spaces.models import Space

pytestmark = pytest.mark.django_db

PEOPLE = 60


def _demo(**options) -> str:
    out = io.StringIO()
    options.setdefault("people", PEOPLE)
    options.setdefault("seed", 1)
    call_command("demo", stdout=out, **options)
    return out.getvalue()


def _snapshot() -> list[tuple]:
    people = (
        Person.objects.select_related("department", "location", "manager")
        .prefetch_related("skills", "interests", "groups")
        .order_by("employee_number")
    )
    return [
        (
            p.employee_number,
            p.email,
            p.full_name,
            p.job_title,
            p.department.name if p.department else None,
            p.location.name if p.location else None,
            p.manager.employee_number if p.manager else None,
            p.phone,
            p.bio,
            bool(p.photo),
            sorted(t.name for t in p.skills.all()),
            sorted(t.name for t in p.interests.all()),
            sorted(g.name for g in p.groups.all()),
        )
        for p in people
    ]


# What every install gets from a data migration (badges, starter tips, posting guidelines, the
# help place): kept, so the second demo starts where the first did.
INSTALLED_WITH_THE_MIGRATIONS = {"kudos.badge", "onboarding.tip", "onboarding.postingguidelines"}


def _delete_everything() -> None:
    # What later apps made refers to people (some of it protects them): remove it first, the
    # apps that come last first.
    later = [c for c in apps.get_app_configs() if c.name.startswith("plein.")]
    for config in reversed(later):
        if config.label not in ("people", "core", "accounts"):
            for model in reversed(list(config.get_models())):
                if model._meta.label_lower in INSTALLED_WITH_THE_MIGRATIONS:
                    continue
                rows = model._default_manager.all()
                if model is Space:  # the help place comes with every install (a migration)
                    rows = rows.exclude(slug=HELP_SPACE_SLUG)
                rows.delete()
    Person.objects.all().delete()
    Department.objects.filter(parent__isnull=False).delete()
    Department.objects.all().delete()
    Location.objects.all().delete()
    Tag.objects.all().delete()
    Branding.objects.all().delete()


def test_the_demo_logins_exist_with_their_roles_and_log_in_with_the_demo_password():
    _demo()
    roles = {
        "beheer@example.org": {"community_manager", "administrator"},
        "redactie@example.org": {"editor"},
        "manager@example.org": set(),
        "ambassadeur@example.org": set(),
        "medewerker@example.org": set(),
    }
    assert {login.email for login in DEMO_LOGINS} == set(roles)
    request = RequestFactory().post("/accounts/login/")
    for email, expected in roles.items():
        person = Person.objects.get(email=email)
        assert set(person.groups.values_list("name", flat=True)) == expected
        assert authenticate(request, username=email, password="plein-demo") == person
        assert authenticate(request, username=email, password="wrong") is None
    assert Person.objects.get(email="beheer@example.org").is_staff
    assert not Person.objects.filter(is_staff=True).exclude(email="beheer@example.org").exists()
    # Everyone else can log in too, and the password was hashed once, not per person.
    assert Person.objects.values("password").distinct().count() == 1
    someone = Person.objects.exclude(email__in=roles).first()
    assert authenticate(request, username=someone.email, password="plein-demo") == someone


def test_the_manager_heads_a_department_and_anne_reports_to_him():
    _demo()
    manager = Person.objects.get(email="manager@example.org")
    anne = Person.objects.get(email="medewerker@example.org")
    assert anne.first_name == "Anne"
    assert anne.job_title == "Klantcontactmedewerker"
    assert anne.department == manager.department
    assert anne.manager == manager
    reports = manager.reports.all()
    assert reports.count() > 1
    assert set(reports.values_list("department", flat=True)) == {manager.department_id}


def test_the_same_seed_gives_the_same_organisation_and_another_seed_another():
    _demo(seed=1)
    first = _snapshot()
    assert len(first) == PEOPLE

    _delete_everything()
    _demo(seed=1)
    assert _snapshot() == first

    _delete_everything()
    _demo(seed=2)
    second = _snapshot()
    generated = {row[2] for row in first} - {login.full_name for login in DEMO_LOGINS}
    assert generated != {row[2] for row in second} - {login.full_name for login in DEMO_LOGINS}
    assert [row[1] for row in first] != [row[1] for row in second]


def test_everyone_but_the_director_reports_up_the_department_tree():
    _demo()
    director = Person.objects.get(manager__isnull=True)
    assert director.job_title == "Gemeentesecretaris"
    assert director.department.name == "Directie"
    people = list(Person.objects.select_related("department", "manager__department"))
    heads = {p.department_id: p for p in people if p.manager_id is None or p.reports.exists()}
    for person in people:
        if person == director:
            continue
        manager = person.manager
        assert manager is not None, person
        department = person.department
        if manager.department_id == department.pk:  # a team member and the team's head
            assert heads[department.pk] == manager
        elif department.parent_id:  # a team's head reports to the head of the department
            assert manager.department_id == department.parent_id
        else:  # a department's head reports to the director
            assert manager == director
    # Every department has exactly one head: one person whom the others there report to.
    for department in Department.objects.exclude(name="Directie"):
        members = [p for p in people if p.department_id == department.pk]
        outside = [p for p in members if p.manager.department_id != department.pk]
        assert len(outside) == 1, department


def test_the_department_tree_has_the_expected_parts_and_codes():
    _demo()
    top = set(Department.objects.filter(parent__isnull=True).values_list("name", flat=True))
    assert top == {
        "Directie",
        "Bedrijfsvoering",
        "Burgerzaken",
        "Sociaal Domein",
        "Ruimte",
        "Openbare Ruimte",
        "Communicatie",
    }

    def children(name: str) -> set[str]:
        return set(Department.objects.filter(parent__name=name).values_list("name", flat=True))

    assert children("Bedrijfsvoering") == {"HR", "Financiën", "ICT", "Facilitair"}
    assert children("Burgerzaken") == {"Publiekszaken", "Belastingen"}
    assert children("Sociaal Domein") == {"Wmo", "Jeugd", "Werk en Inkomen"}
    assert children("Ruimte") == {"Ruimtelijke Ordening", "Vergunningen"}
    assert children("Openbare Ruimte") == {"Groen", "Wegen", "Afval"}
    assert not Department.objects.filter(code__isnull=True).exists()
    assert set(Location.objects.values_list("name", flat=True)) == {
        "Stadhuis",
        "Gemeentewerf",
        "Buurtkantoor Noord",
        "Buurtkantoor Zuid",
    }
    assert not Location.objects.filter(address="").exists()
    # Every department has people in it.
    assert not Department.objects.filter(members__isnull=True).exists()


def test_profiles_vary_from_complete_to_almost_empty():
    _demo()
    people = list(
        Person.objects.prefetch_related("skills", "interests").order_by("employee_number")
    )
    scores = {p.email: profile_completeness(p).percentage for p in people}
    assert any(score == 100 for score in scores.values())
    assert any(score < 50 for score in scores.values())
    assert any(50 <= score < 100 for score in scores.values())
    for email in ("beheer", "redactie", "manager", "ambassadeur"):
        assert scores[f"{email}@example.org"] == 100, email
    assert 50 <= scores["medewerker@example.org"] < 100  # so Anne sees what is still missing
    with_bio = [p for p in people if p.bio]
    assert with_bio and all(len(p.bio) < 500 for p in with_bio)


def test_names_numbers_phones_and_dates_look_real():
    _demo()
    people = list(Person.objects.order_by("employee_number"))
    assert [p.employee_number for p in people] == [f"E{n:05d}" for n in range(1, PEOPLE + 1)]
    assert len({p.email for p in people}) == PEOPLE
    assert all(p.email == p.email.lower() and p.email.isascii() for p in people)
    # The tussenvoegsel is kept apart from the last name, as Dutch HR systems do.
    assert any(p.name_prefix for p in people)
    assert all(p.name_prefix in ("", *NAME_PREFIXES) for p in people)
    assert not any(p.last_name.split(" ")[0] in NAME_PREFIXES for p in people)
    assert all(p.first_name and p.last_name[:1].isupper() for p in people)
    phones = [p.phone for p in people if p.phone]
    assert phones
    assert all(
        (phone.startswith("06 ") and len(phone) == 11) or (phone.startswith("0") and " " in phone)
        for phone in phones
    )
    now = timezone.now()
    assert all(now - timedelta(days=731) < p.date_joined <= now for p in people)
    assert sum(p.date_joined > now - timedelta(days=30) for p in people) >= 3

    familiar = ["Excel", "Wmo", "Omgevingswet", "Projectleiding", "Fotografie", "Hardlopen"]
    assert Tag.objects.filter(name__in=familiar).count() == len(familiar)
    assert Person.objects.filter(skills__isnull=False).exists()
    assert Person.objects.filter(interests__isnull=False).exists()


def test_split_last_name_keeps_the_tussenvoegsel_apart():
    assert split_last_name("van der Berg") == ("van der", "Berg")
    assert split_last_name("de Jong") == ("de", "Jong")
    assert split_last_name("van 't Hof") == ("van 't", "Hof")
    assert split_last_name("Jansen") == ("", "Jansen")
    assert split_last_name("Vandenberg") == ("", "Vandenberg")


def test_if_empty_does_nothing_when_there_are_people():
    PersonFactory(email="echt@example.org")
    out = _demo(if_empty=True)
    assert Person.objects.count() == 1
    assert not Department.objects.exists()
    assert not Branding.objects.exists()
    assert "already has 1 person" in out


def test_if_empty_on_an_empty_database_creates_the_organisation():
    out = _demo(if_empty=True)
    assert Person.objects.count() == PEOPLE
    assert "medewerker@example.org" in out
    assert "plein-demo" in out
    # Running it again (as `make run` does on every start) is harmless and lists the logins.
    again = _demo(if_empty=True, seed=99)
    assert Person.objects.count() == PEOPLE
    assert "beheer@example.org" in again


def test_without_if_empty_a_database_with_people_is_refused():
    PersonFactory()
    with pytest.raises(CommandError, match="already has 1 person"):
        _demo()
    assert Person.objects.count() == 1


def test_too_few_people_is_refused():
    with pytest.raises(CommandError, match="at least"):
        _demo(people=5)
    assert not Person.objects.exists()


def test_the_branding_is_set_only_when_there_is_none():
    _demo()
    branding = Branding.objects.get(pk=1)
    assert branding.intranet_name == "Plein"
    assert branding.organisation_name == "Gemeente Voorbeeld"
    assert branding.persona_name == "Vera"
    assert branding.slogan and branding.persona_welcome

    _delete_everything()
    Branding.objects.create(pk=1, intranet_name="De Brug", persona_name="")
    _demo()
    branding = Branding.objects.get(pk=1)
    assert branding.intranet_name == "De Brug"
    assert branding.persona_name == ""
    assert branding.organisation_name == ""


def failing_step(**kwargs) -> None:
    raise RuntimeError("a later step failed")


def test_a_failing_step_leaves_nothing_behind():
    last = DemoStep("failing_step", 10_000, "plein.people.tests.test_demo.failing_step")
    with DEMO_STEPS.registered(last), pytest.raises(RuntimeError):
        _demo()
    assert not Person.objects.exists()
    assert not Department.objects.exists()
    assert not Branding.objects.exists()


def test_photos_are_written_once_committed(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _demo()
    with_photo = [p for p in Person.objects.all() if p.photo]
    assert with_photo
    for person in with_photo:
        path = Path(settings.MEDIA_ROOT) / person.photo.name
        assert path.read_bytes()[:2] == b"\xff\xd8"  # a JPEG
        # A random name: it never reveals whose photo it is.
        assert re.fullmatch(r"[0-9a-f]{32}\.jpg", path.name)
