"""The first-steps checklist: each step from real data, the actions on it, the start page's
widget, and its fixed query count."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from plein.core.registries import firststeps
from plein.onboarding import selectors, services
from plein.onboarding.models import OnboardingState
from plein.people import services as people_services
from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory
from plein.posts import services as post_services
from plein.posts.models import PersonFollow
from plein.posts.tests.factories import PostFactory
from plein.spaces import services as space_services
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory
from plein.startpage import services as startpage_services
from plein.startpage.models import PersonalLayout

pytestmark = pytest.mark.django_db

HOME = reverse("core:home")
CHECKLIST = reverse("onboarding:checklist")
ALL_STEPS = {
    "profile",
    "join_space",
    "follow",
    "react",
    "first_post",
    "start_page",
    "install_app",
}


def _done(person) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    return {item.key: item.done for item in selectors.checklist(person).items}


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (300, 300), "#336699").save(out, format="PNG")
    out.seek(0)
    out.name = "me.png"
    return out


def test_every_step_is_open_for_a_new_person(person) -> None:
    checklist = selectors.checklist(person)
    assert {item.key for item in checklist.items} == ALL_STEPS
    assert [item.key for item in checklist.items][:2] == ["profile", "join_space"]
    assert (checklist.done, checklist.total, checklist.percent) == (0, 7, 0)
    assert checklist.on_start_page
    assert checklist.state.pk is None  # reading does not write


def test_a_profile_needs_a_photo_and_most_fields(person) -> None:
    department, location = DepartmentFactory(), LocationFactory()
    fields = {
        "job_title": "Beleidsmedewerker",
        "department": department,
        "location": location,
        "phone": "010 123 45 67",
        "bio": "Ik werk aan de omgevingsvisie.",
        "skills": [],
        "interests": [],
    }
    people_services.profile_update(person=person, **fields)
    person.refresh_from_db()
    assert not _done(person)["profile"]  # 5 of 8 filled, and no photo
    item = next(i for i in selectors.checklist(person).items if i.key == "profile")
    assert "no photo yet" in item.status

    people_services.profile_update(person=person, **fields, photo=_png())
    person.refresh_from_db()
    assert _done(person)["profile"]  # a photo and 6 of 8: complete enough

    bare = PersonFactory()
    people_services.profile_update(
        person=bare,
        job_title="",
        department=None,
        location=None,
        phone="",
        bio="",
        skills=[],
        interests=[],
        photo=_png(),
    )
    bare.refresh_from_db()
    assert not _done(bare)["profile"]  # a photo alone is not a profile


def test_joining_a_space_counts_only_beyond_the_default_ones() -> None:
    top = DepartmentFactory()
    team = DepartmentFactory(parent=top)
    person = PersonFactory(department=team)
    for_everyone = SpaceFactory(is_default_for_everyone=True)
    for_top = SpaceFactory()
    for_top.default_departments.add(top)
    space_services.default_spaces_sync(people=[person])
    assert {for_everyone, for_top} <= set(Space.objects.filter(memberships__person=person))
    assert not _done(person)["join_space"]

    other_department = SpaceFactory()
    other_department.default_departments.add(DepartmentFactory())
    left = SpaceFactory()
    space_services.space_join(space=left, person=person)
    space_services.space_leave(space=left, person=person)
    assert not _done(person)["join_space"]  # a space one left does not count

    space_services.space_join(space=other_department, person=person)
    assert _done(person)["join_space"]  # another department's space is a choice too


def test_a_person_without_department_joins_a_space(person) -> None:
    assert person.department_id is None
    MembershipFactory(person=person, space=SpaceFactory(is_default_for_everyone=True))
    assert not _done(person)["join_space"]
    space_services.space_join(space=SpaceFactory(), person=person)
    assert _done(person)["join_space"]


def test_following_reacting_and_posting(person) -> None:
    colleague = PersonFactory()
    post = PostFactory(author=colleague)
    assert not any(_done(person)[key] for key in ("follow", "react", "first_post"))

    post_services.person_follow(follower=person, followed=colleague)
    post_services.reaction_set(person=person, kind="like", post=post)
    assert PersonFollow.objects.filter(follower=person).exists()
    done = _done(person)
    assert done["follow"] and done["react"] and not done["first_post"]

    mine = post_services.post_create(author=person, body="Hallo allemaal, ik ben nieuw!")
    assert _done(person)["first_post"]
    post_services.post_delete(post=mine, by=person)
    assert not _done(person)["first_post"]  # a deleted post is gone


def test_a_question_is_a_first_post_too(person) -> None:
    PostFactory(author=person, kind="question", title="Waar vind ik het rooster?")
    assert _done(person)["first_post"]


def test_confirmed_steps_and_the_start_hint(person) -> None:
    services.step_confirm(person=person, key="install_app")
    services.step_confirm(person=person, key="install_app")  # twice is once
    assert OnboardingState.objects.get(person=person).confirmed_steps == ["install_app"]
    assert _done(person)["install_app"] and not _done(person)["start_page"]

    # Confirming "start page" also says so to the start page's own hint ...
    services.step_confirm(person=person, key="start_page")
    assert PersonalLayout.objects.get(person=person).hint_dismissed_at is not None
    # ... and "Done" under that hint ticks the step off.
    other = PersonFactory()
    startpage_services.start_hint_dismiss(person=other)
    assert _done(other)["start_page"]


def test_only_confirmable_steps_can_be_confirmed(person) -> None:
    for key in ("react", "no-such-step"):
        with pytest.raises(ValidationError):
            services.step_confirm(person=person, key=key)
    assert not OnboardingState.objects.filter(person=person, confirmed_steps__len=1).exists()


def test_dismiss_and_restore(person) -> None:
    state = services.checklist_dismiss(person=person)
    first = state.checklist_dismissed_at
    assert first is not None
    assert services.checklist_dismiss(person=person).checklist_dismissed_at == first
    checklist = selectors.checklist(person)
    assert checklist.dismissed and not checklist.on_start_page
    services.checklist_restore(person=person)
    assert selectors.checklist(person).on_start_page


def _complete_everything(person) -> None:  # type: ignore[no-untyped-def]
    people_services.profile_update(
        person=person,
        job_title="Adviseur",
        department=DepartmentFactory(),
        location=LocationFactory(),
        phone="06 1234 5678",
        bio="Over mij",
        skills=["Excel"],
        interests=["Fietsen"],
        photo=_png(),
    )
    space_services.space_join(space=SpaceFactory(), person=person)
    colleague = PersonFactory()
    post_services.person_follow(follower=person, followed=colleague)
    post_services.reaction_set(person=person, kind="like", post=PostFactory(author=colleague))
    post_services.post_create(author=person, body="Mijn eerste bericht")
    services.step_confirm(person=person, key="start_page")
    services.step_confirm(person=person, key="install_app")
    person.refresh_from_db()


def test_everything_done(person) -> None:
    _complete_everything(person)
    checklist = selectors.checklist(person)
    assert (checklist.done, checklist.total, checklist.percent) == (7, 7, 100)
    assert checklist.complete and not checklist.on_start_page


# -- a step plugs in; the query count stays the same ---------------------------------------------


@pytest.fixture
def extra_steps() -> Iterator[None]:
    def register_more() -> None:
        for n in range(3):
            firststeps.register(
                firststeps.Step(
                    key=f"extra{n}",
                    label=f"Extra {n}",
                    help="",
                    order=100 + n,
                    url=lambda person: "/",
                    evidence=lambda person: PersonFollow.objects.filter(followed=person),
                )
            )

    yield register_more  # type: ignore[misc]
    for n in range(3):
        firststeps.STEPS.unregister(f"extra{n}")


def test_a_new_step_plugs_in_without_changing_a_central_list(person, extra_steps) -> None:
    extra_steps()
    checklist = selectors.checklist(person)
    assert [item.key for item in checklist.items][-3:] == ["extra0", "extra1", "extra2"]
    assert checklist.total == 10
    post_services.person_follow(follower=PersonFactory(), followed=person)
    assert _done(person)["extra1"]


def test_the_checklist_costs_a_fixed_number_of_queries(
    person, extra_steps, django_assert_num_queries
) -> None:
    person.department = DepartmentFactory()
    person.save()
    # One for the state with every step's evidence, one for the departments above the
    # person's own (spaces), two for the profile's skills and interests.
    with django_assert_num_queries(4):
        selectors.checklist(person)
    extra_steps()
    fresh = type(person).objects.get(pk=person.pk)
    with django_assert_num_queries(4):
        selectors.checklist(fresh)


def _start_page_queries(client) -> int:  # type: ignore[no-untyped-def]
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


def test_the_start_page_does_not_get_slower_with_more_steps(client, person, extra_steps) -> None:
    client.force_login(person)
    before = _start_page_queries(client)
    extra_steps()
    assert _start_page_queries(client) == before


# -- the start page's widget -----------------------------------------------------------------


def test_the_widget_shows_the_open_steps_until_hidden(client, person) -> None:
    client.force_login(person)
    page = client.get(HOME).content.decode()
    assert 'id="first-steps"' in page
    assert "0 of 7 steps done" in page
    assert reverse("people:profile_edit") in page
    assert reverse("onboarding:confirm_step", args=["start_page"]) in page
    assert 'data-auto-confirm="standalone"' in page  # the install step, for the browser
    assert OnboardingState.objects.filter(person=person).exists()  # the first visit stored it

    services.step_confirm(person=person, key="start_page")
    page = client.get(HOME).content.decode()
    assert "1 of 7 steps done" in page
    assert reverse("onboarding:confirm_step", args=["start_page"]) not in page

    services.checklist_dismiss(person=person)
    assert 'id="first-steps"' not in client.get(HOME).content.decode()


def test_the_widget_goes_when_every_step_is_done(client, person) -> None:
    _complete_everything(person)
    client.force_login(person)
    assert 'id="first-steps"' not in client.get(HOME).content.decode()


# -- the checklist page and its actions ----------------------------------------------------------


def test_the_checklist_page_explains_every_step(client, person) -> None:
    client.force_login(person)
    response = client.get(CHECKLIST)
    assert response.status_code == 200
    page = response.content.decode()
    for key in ALL_STEPS:
        assert f'id="step-{key}"' in page
    assert "Join a space of your own choosing" in page
    assert "Chrome" in page and "Firefox" in page  # how to set the start page
    assert "Add to Home Screen" in page  # how to install on an iPhone
    assert "<svg" in page  # the QR code to open the intranet on a phone
    assert "http://testserver/" in page
    assert f'href="{HOME}?tour=1"' in page
    assert 'id="checklist-dismiss"' in page


def test_the_checklist_page_needs_a_login(client) -> None:
    response = client.get(CHECKLIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_confirm_without_javascript_goes_back_with_a_message(client, person) -> None:
    client.force_login(person)
    url = reverse("onboarding:confirm_step", args=["start_page"])
    response = client.post(url, {"next": HOME}, follow=True)
    assert response.redirect_chain[-1][0] == HOME
    assert "is ticked off" in response.content.decode()
    assert OnboardingState.objects.get(person=person).confirmed_steps == ["start_page"]


def test_confirm_refuses_unsafe_next_and_unknown_steps(client, person) -> None:
    client.force_login(person)
    url = reverse("onboarding:confirm_step", args=["install_app"])
    response = client.post(url, {"next": "https://evil.example.com/"})
    assert response["Location"] == CHECKLIST
    assert client.post(reverse("onboarding:confirm_step", args=["react"])).status_code == 404
    assert client.post(reverse("onboarding:confirm_step", args=["nope"])).status_code == 404
    assert client.get(url).status_code == 405
    assert OnboardingState.objects.get(person=person).confirmed_steps == ["install_app"]


def test_confirm_with_htmx_from_the_start_page_gets_the_widget(client, person) -> None:
    client.force_login(person)
    response = client.post(
        reverse("onboarding:confirm_step", args=["install_app"]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="first-steps",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section class="card first-steps" id="first-steps"')
    assert "<html" not in page
    assert "1 of 7 steps done" in page


def test_confirm_with_htmx_on_the_checklist_page_gets_the_checklist(client, person) -> None:
    client.force_login(person)
    response = client.post(
        reverse("onboarding:confirm_step", args=["start_page"]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="checklist",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="checklist"')
    assert "<html" not in page
    assert "1 of 7 steps done" in page
    assert "checklist-step--done" in page


def test_hide_from_the_start_page_with_htmx_and_without(client, person) -> None:
    client.force_login(person)
    url = reverse("onboarding:dismiss")
    response = client.post(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="first-steps")
    page = response.content.decode()
    assert "first-steps--hidden" in page and reverse("onboarding:checklist") in page
    assert selectors.checklist(person).dismissed

    page = client.get(CHECKLIST).content.decode()
    assert 'id="checklist-restore"' in page
    response = client.post(reverse("onboarding:restore"), {"next": HOME})
    assert response["Location"] == HOME
    assert not selectors.checklist(person).dismissed

    response = client.post(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="checklist")
    assert 'id="checklist-restore"' in response.content.decode()
    response = client.post(reverse("onboarding:restore"), {"next": CHECKLIST})
    assert response["Location"] == CHECKLIST
    assert 'id="first-steps"' in client.get(HOME).content.decode()
