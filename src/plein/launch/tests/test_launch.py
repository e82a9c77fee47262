"""The launch plan: phases, who may enter, go-live, invitations and the naming contest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from plein.ambassadors.models import Ambassador
from plein.core.selectors import branding_get
from plein.launch import permissions, services
from plein.launch.models import Invitation, LaunchPlan
from plein.launch.selectors import launch_plan
from plein.notifications.models import NotificationSettings
from plein.people.models import Person
from plein.people.tests.factories import DepartmentFactory, PersonFactory
from plein.polls.models import Contest
from plein.polls.tests.factories import EntryFactory
from plein.posts.models import Post

pytestmark = pytest.mark.django_db


def _prepare(cm: Person, **plan: object) -> LaunchPlan:
    services.launch_plan_update(by=cm, launch_date=timezone.now() + timedelta(days=10), **plan)  # type: ignore[arg-type]
    return services.launch_phase_set(by=cm, phase=LaunchPlan.Phase.PREPARATION)


def _entrants() -> set[int]:
    return set(permissions.entrants(Person.objects.all()).values_list("pk", flat=True))


def test_without_a_plan_the_intranet_is_open_to_everyone(person) -> None:
    assert launch_plan().is_launched
    assert permissions.can_enter(person)


def test_in_preparation_only_the_project_team_editors_and_ambassadors_enter(
    community_manager,
) -> None:
    employee = PersonFactory()
    editor = PersonFactory(roles=["editor"])
    team = PersonFactory(roles=["project_team"])
    ambassador = PersonFactory()
    Ambassador.objects.create(person=ambassador)
    _prepare(community_manager)

    people = [employee, editor, team, ambassador, community_manager]
    allowed = {p.pk for p in people if permissions.can_enter(Person.objects.get(pk=p.pk))}
    assert allowed == {editor.pk, team.pk, ambassador.pk, community_manager.pk}
    assert _entrants() == allowed  # the rule and the queryset filter agree


def test_the_pilot_opens_to_its_departments_below_them_and_its_people(
    community_manager, django_capture_on_commit_callbacks
) -> None:
    pilot = DepartmentFactory()
    below = DepartmentFactory(parent=pilot)
    inside, deeper, outside, chosen = (
        PersonFactory(department=pilot),
        PersonFactory(department=below),
        PersonFactory(department=DepartmentFactory()),
        PersonFactory(),
    )
    services.launch_plan_update(
        by=community_manager,
        launch_date=None,
        pilot_departments=[pilot],
        pilot_people=[chosen],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.launch_phase_set(by=community_manager, phase=LaunchPlan.Phase.PILOT)

    assert launch_plan().phase == LaunchPlan.Phase.PILOT
    for person, expected in ((inside, True), (deeper, True), (outside, False), (chosen, True)):
        assert permissions.can_enter(person) is expected
    assert {inside.pk, deeper.pk, chosen.pk} <= _entrants()
    assert outside.pk not in _entrants()
    # Starting the pilot invited its participants (and the CM), nobody else.
    invited = set(Invitation.objects.values_list("person_id", flat=True))
    assert {inside.pk, deeper.pk, chosen.pk} <= invited and outside.pk not in invited


def test_a_pilot_needs_participants(community_manager) -> None:
    with pytest.raises(ValidationError):
        services.launch_phase_set(by=community_manager, phase=LaunchPlan.Phase.PILOT)
    assert launch_plan().is_launched


def test_only_the_community_manager_runs_the_launch(person) -> None:
    with pytest.raises(PermissionDenied):
        services.launch_phase_set(by=person, phase=LaunchPlan.Phase.PREPARATION)
    with pytest.raises(PermissionDenied):
        services.launch_go_live(
            by=person, announcement_title="x", announcement_lead="z", announcement_body="y"
        )


def test_a_launch_date_in_the_past_is_refused(community_manager) -> None:
    with pytest.raises(ValidationError) as error:
        services.launch_plan_update(
            by=community_manager, launch_date=timezone.now() - timedelta(days=1)
        )
    assert "launch_date" in error.value.message_dict


def test_go_live_opens_posts_the_announcement_and_invites_everyone_once(
    community_manager, django_capture_on_commit_callbacks
) -> None:
    employees = PersonFactory.create_batch(3)
    opted_out = PersonFactory()
    NotificationSettings.objects.create(person=opted_out, email_invitations=False)
    PersonFactory(is_active=False)
    _prepare(community_manager)
    assert not permissions.can_enter(employees[0])

    with django_capture_on_commit_callbacks(execute=True):
        services.launch_go_live(
            by=community_manager,
            announcement_title="Plein is open!",
            announcement_lead="Vanaf vandaag.",
            announcement_body="Welkom allemaal.",
        )

    plan = launch_plan()
    assert plan.is_launched and plan.launched_at is not None
    assert permissions.can_enter(employees[0])
    announcement = Post.objects.get(pk=plan.announcement_id)
    assert announcement.is_announcement and announcement.title == "Plein is open!"
    assert announcement.kind == Post.Kind.NEWS and announcement.news_details.featured
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(p.email for p in [*employees, community_manager])
    assert recipients == expected
    assert opted_out.email not in recipients
    message = mail.outbox[0]
    assert branding_get().intranet_name in message.subject
    assert reverse("accounts:login") in message.body
    assert "text/html" in [kind for _html, kind in message.alternatives]

    # Resuming sends nothing new: each person is invited once.
    mail.outbox.clear()
    assert services.invitations_send_batch() == (0, None)
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        services.launch_go_live(
            by=community_manager,
            announcement_title="a",
            announcement_lead="c",
            announcement_body="b",
        )


def test_invitations_go_in_batches_and_resume_after_a_failure(
    community_manager, monkeypatch
) -> None:
    monkeypatch.setattr(services, "INVITATION_BATCH", 2)
    PersonFactory.create_batch(4)
    ordered = sorted(Person.objects.filter(is_active=True).values_list("pk", flat=True))
    everyone = len(ordered)

    sent, last = services.invitations_send_batch()
    assert (sent, last) == (2, ordered[1])
    # The mail server fails for the next person: no row, so a later run retries them.
    failing = {"count": 0}
    original = services.invitation_message

    def _broken(person: Person):  # type: ignore[no-untyped-def]
        failing["count"] += 1
        raise ConnectionError("mail server down")

    monkeypatch.setattr(services, "invitation_message", _broken)
    sent, _ = services.invitations_send_batch(after_pk=last)
    assert sent == 0 and failing["count"] == 2
    assert Invitation.objects.count() == 2

    monkeypatch.setattr(services, "invitation_message", original)
    total = 2
    after = 0
    while True:
        sent, after_pk = services.invitations_send_batch(after_pk=after)
        total += sent
        if after_pk is None:
            break
        after = after_pk
    assert total == everyone == Invitation.objects.count() == len(mail.outbox)


def test_the_invitation_offers_a_password_link_to_people_without_one(community_manager) -> None:
    newcomer = PersonFactory()
    newcomer.set_unusable_password()
    newcomer.save()
    services.invitations_send_batch()
    body = next(m.body for m in mail.outbox if m.to == [newcomer.email])
    assert "/account/password/reset/" in body or "reset" in body


def test_a_refused_login_shows_the_coming_soon_page(client, community_manager) -> None:
    employee = PersonFactory(email="anne@example.org", password="Sterk-wachtwoord-1")
    _prepare(community_manager)

    response = client.post(
        reverse("accounts:login"),
        {"username": "anne@example.org", "password": "Sterk-wachtwoord-1"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("launch:coming_soon")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("launch:coming_soon"))
    assert branding_get().intranet_name.encode() in page.content
    # Someone already logged in is sent there from every page, except logging out.
    client.force_login(employee)
    assert client.get(reverse("core:home"))["Location"] == reverse("launch:coming_soon")
    assert client.get(reverse("news:archive"))["Location"] == reverse("launch:coming_soon")
    assert client.get(reverse("launch:coming_soon")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_the_project_team_logs_in_before_the_launch(client, community_manager) -> None:
    PersonFactory(email="team@example.org", password="Sterk-wachtwoord-1", roles=["project_team"])
    _prepare(community_manager)
    response = client.post(
        reverse("accounts:login"),
        {"username": "team@example.org", "password": "Sterk-wachtwoord-1"},
    )
    assert response.status_code == 302 and response["Location"] != reverse("launch:coming_soon")
    assert client.get(reverse("core:home")).status_code == 200
    # ... and the coming-soon page sends them on.
    assert client.get(reverse("launch:coming_soon")).status_code == 302


def test_the_launch_screen_is_for_the_community_manager_and_the_project_team(client) -> None:
    url = reverse("launch:plan")
    client.force_login(PersonFactory())
    assert client.get(url).status_code == 403
    client.force_login(PersonFactory(roles=["project_team"]))
    page = client.get(url)
    assert page.status_code == 200
    assert b'action="/launch/phase/"' not in page.content  # follows, does not steer
    assert client.post(url, {"launch_date": ""}).status_code == 403
    client.force_login(PersonFactory(roles=["community_manager"]))
    assert b'action="/launch/phase/"' in client.get(url).content


def test_the_plan_form_keeps_bad_input_and_saves_good_input(client, community_manager) -> None:
    client.force_login(community_manager)
    department = DepartmentFactory()
    response = client.post(
        reverse("launch:plan"),
        {
            "launch_date": "2099-03-01T09:00",
            "pilot_departments": [department.pk],
            "pilot_people": "nobody@example.org",
        },
    )
    assert response.status_code == 400
    assert b"nobody@example.org" in response.content
    assert not LaunchPlan.objects.filter(launch_date__isnull=False).exists()

    pilot = PersonFactory(email="Pilot@Example.org")
    response = client.post(
        reverse("launch:plan"),
        {
            "launch_date": "2099-03-01T09:00",
            "pilot_departments": [department.pk],
            "pilot_people": "pilot@example.org",
        },
    )
    assert response.status_code == 302
    plan = LaunchPlan.objects.get()
    assert timezone.localtime(plan.launch_date).hour == 9
    assert list(plan.pilot_people.all()) == [pilot]
    assert list(plan.pilot_departments.all()) == [department]


def test_pilot_participants_are_chosen_with_the_picker(client, community_manager) -> None:
    client.force_login(community_manager)
    anna = PersonFactory(email="anna@example.org")
    bas = PersonFactory(email="bas@example.org")
    response = client.post(
        reverse("launch:plan"),
        {"pilot_people": f"{anna.full_name} <anna@example.org>\nbas@example.org\n"},
    )
    assert response.status_code == 302
    assert set(LaunchPlan.objects.get().pilot_people.all()) == {anna, bas}
    page = client.get(reverse("launch:plan")).content.decode()
    assert f'data-picker-url="{reverse("people:picker")}"' in page
    assert "data-picker-multiple" in page
    # The saved participants are shown by name, in the form the picker fills in.
    assert escape(f"{anna.full_name} <anna@example.org>") in page
    response = client.post(reverse("launch:plan"), {"pilot_people": "Anna\nbas@example.org"})
    assert response.status_code == 400
    assert "Without an e-mail address: Anna" in response.content.decode()


def test_go_live_through_the_screens(client, community_manager) -> None:
    client.force_login(community_manager)
    _prepare(community_manager)
    form = client.get(reverse("launch:go_live"))
    assert form.status_code == 200
    bad = client.post(
        reverse("launch:go_live"), {"announcement_title": "", "announcement_body": "Tekst"}
    )
    assert bad.status_code == 400 and b"Tekst" in bad.content
    assert not launch_plan().is_launched
    done = client.post(
        reverse("launch:go_live"),
        {
            "announcement_title": "Open!",
            "announcement_lead": "Vandaag.",
            "announcement_body": "Tekst",
            "send_invitations": "on",
            "confirmed": "1",  # below the readiness score, a second press (see test_go_live)
        },
    )
    assert done.status_code == 302
    assert launch_plan().is_launched


def test_the_countdown_shows_on_the_start_page_of_the_project_team_only(
    client, community_manager
) -> None:
    services.launch_plan_update(
        by=community_manager, launch_date=timezone.now() + timedelta(days=10, hours=1)
    )
    services.launch_phase_set(by=community_manager, phase=LaunchPlan.Phase.PREPARATION)
    client.force_login(PersonFactory(roles=["project_team"]))
    page = client.get(reverse("core:home")).content.decode()
    assert 'id="widget-launch"' in page and "11 days to go" in page
    client.force_login(PersonFactory(roles=["editor"]))
    assert 'id="widget-launch"' not in client.get(reverse("core:home")).content.decode()


def test_the_naming_contest_starts_from_the_launch_screen_and_its_winner_names_the_intranet(
    client, community_manager
) -> None:
    client.force_login(community_manager)
    now = timezone.localtime()
    response = client.post(
        reverse("launch:naming_contest"),
        {
            "title": "Hoe noemen we het intranet?",
            "description": "",
            "submissions_open_until": (now + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "voting_open_until": (now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    contest = Contest.objects.get()
    assert response.status_code == 302 and response["Location"] == contest.get_absolute_url()
    assert launch_plan().naming_contest_id == contest.pk

    with pytest.raises(ValidationError):  # still running
        services.naming_contest_apply(by=community_manager)
    Contest.objects.filter(pk=contest.pk).update(
        submissions_open_until=now - timedelta(days=2), voting_open_until=now - timedelta(days=1)
    )
    EntryFactory(contest=contest, text="Het Dorpsplein")
    client.post(reverse("launch:naming_apply"))
    assert branding_get().intranet_name == "Het Dorpsplein"


def test_a_second_naming_contest_is_refused(community_manager) -> None:
    now = timezone.now()
    kwargs = {
        "title": "Naam?",
        "description": "",
        "submissions_open_until": now + timedelta(days=1),
        "voting_open_until": now + timedelta(days=2),
    }
    services.naming_contest_start(by=community_manager, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        services.naming_contest_start(by=community_manager, **kwargs)  # type: ignore[arg-type]
    assert Contest.objects.count() == 1


def test_a_question_in_the_help_place_reaches_the_ambassadors_and_the_project_team(
    django_capture_on_commit_callbacks,
) -> None:
    from plein.questions.services import question_ask
    from plein.spaces.help import help_space
    from plein.spaces.services import default_spaces_sync

    department = DepartmentFactory()
    asker = PersonFactory(department=department)
    own = PersonFactory()
    Ambassador.objects.create(person=own, department=department)
    other = PersonFactory()
    Ambassador.objects.create(person=other, department=DepartmentFactory())
    team = PersonFactory(roles=["project_team"])
    default_spaces_sync()
    space = help_space()
    assert space is not None and space.is_default_for_everyone

    with django_capture_on_commit_callbacks(execute=True):
        question_ask(
            author=asker, title="Hoe zet ik een foto op mijn profiel?", body="", space=space
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([own.email, team.email])
