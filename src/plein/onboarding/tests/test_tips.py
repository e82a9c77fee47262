"""Drip-fed tips: one a weekday from the first visit, "Got it", the tip of the day after the
series, languages, the digest's tip of the week and the community manager's library."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from plein.notifications import services as notification_services
from plein.notifications.models import Notification, NotificationSettings
from plein.onboarding import tips
from plein.onboarding.models import OnboardingState, Tip
from plein.people.tests.factories import PersonFactory
from plein.posts.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = date(2026, 11, 23)
STARTED = datetime(2026, 11, 23, 9, 0, tzinfo=AMS)
HOME = reverse("core:home")
DISMISS = reverse("onboarding:tip_dismiss")
TIPS = reverse("onboarding:tips")


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


@pytest.fixture
def library() -> list[Tip]:
    """Five tips of our own instead of the starter set."""
    Tip.objects.all().delete()
    tips.tips_forget()
    return [
        Tip.objects.create(
            title_nl=f"Tip {n} NL",
            body_nl=f"Tekst {n}",
            title_en=f"Tip {n} EN",
            body_en=f"Text {n}",
            position=n,
        )
        for n in range(1, 6)
    ]


def state_for(person, started=STARTED) -> OnboardingState:  # type: ignore[no-untyped-def]
    return OnboardingState.objects.create(person=person, started_at=started)


def shown(state: OnboardingState, today: date, language: str = "en") -> str | None:
    state.refresh_from_db()
    tip = tips.tip_for_state(state, today=today, language=language)
    return tip.title if tip else None


def test_the_starter_library_is_written_in_both_languages() -> None:
    starters = list(Tip.objects.filter(is_active=True))
    assert len(starters) >= 20
    assert all(t.title_nl and t.body_nl and t.title_en and t.body_en for t in starters)
    assert Tip.objects.filter(title_en="Mention a colleague with @").exists()


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (day(0), day(0), 0),  # Monday, the same day
        (day(0), day(1), 1),  # Monday → Tuesday
        (day(4), day(5), 0),  # Friday → Saturday
        (day(4), day(7), 1),  # Friday → Monday
        (day(0), day(7), 5),  # a whole week
        (day(5), day(7), 1),  # started on a Saturday → Monday
        (day(0), day(30), 22),
        (day(3), day(1), 0),
    ],
)
def test_weekdays_between(start: date, end: date, expected: int) -> None:
    assert tips.weekdays_between(start, end) == expected


def test_a_new_tip_every_weekday_from_the_first_visit(library, person) -> None:  # type: ignore[no-untyped-def]
    state = state_for(person)
    assert shown(state, day(0)) == "Tip 1 EN"
    assert shown(state, day(1)) == "Tip 2 EN"
    assert shown(state, day(4)) == "Tip 5 EN"  # Friday
    tip = tips.tip_for_state(state, today=day(2), language="en")
    assert tip is not None and (tip.number, tip.total) == (3, 5)


def test_no_new_tip_at_the_weekend(library, person) -> None:  # type: ignore[no-untyped-def]
    state = state_for(person, started=STARTED + timedelta(days=2))  # a Wednesday
    assert shown(state, day(4)) == "Tip 3 EN"  # Friday
    assert shown(state, day(5)) == "Tip 3 EN"  # Saturday: still Friday's
    assert shown(state, day(7)) == "Tip 4 EN"  # Monday


def test_got_it_puts_the_tip_away_until_the_next_day(library, person) -> None:  # type: ignore[no-untyped-def]
    state = state_for(person)
    monday = datetime(2026, 11, 23, 12, tzinfo=AMS)
    assert tips.tip_dismiss(person=person, now=monday) == day(1)
    state.refresh_from_db()
    assert (state.tips_seen, state.tip_dismissed_on) == (1, day(0))
    assert shown(state, day(0)) is None
    # Clicking again the same day does not bring the next one forward.
    tips.tip_dismiss(person=person, now=monday + timedelta(hours=1))
    assert shown(state, day(0)) is None
    assert shown(state, day(1)) == "Tip 2 EN"
    assert shown(state, day(2)) == "Tip 3 EN"  # one a day, never two


def test_a_tip_put_away_on_friday_stays_away_at_the_weekend(library, person) -> None:  # type: ignore[no-untyped-def]
    state = state_for(person)
    friday = datetime(2026, 11, 27, 12, tzinfo=AMS)
    assert tips.tip_dismiss(person=person, now=friday) == day(7)  # the next tip: Monday
    assert shown(state, day(5)) is None
    assert shown(state, day(6)) is None
    assert shown(state, day(7)) == "Tip 1 EN"  # Monday: the tip of the day begins


def test_after_the_series_a_rotating_tip_of_the_day(library, person) -> None:  # type: ignore[no-untyped-def]
    state = state_for(person)
    later = day(14)  # ten weekdays: beyond the five tips
    tip = tips.tip_for_state(state, today=later, language="en")
    assert tip is not None and tip.number is None
    assert tip.title == f"Tip {later.toordinal() % 5 + 1} EN"
    next_day = tips.tip_for_state(state, today=later + timedelta(days=1), language="en")
    assert next_day is not None and next_day.title != tip.title
    # "Got it" hides it for the rest of the day; tomorrow there is another.
    assert tips.tip_dismiss(person=person, now=datetime(2026, 12, 7, 12, tzinfo=AMS)) == day(15)
    assert shown(state, later) is None
    assert shown(state, later + timedelta(days=1)) == next_day.title


def test_inactive_tips_are_left_out_and_an_empty_library_shows_nothing(library, person) -> None:  # type: ignore[no-untyped-def]
    state = state_for(person)
    tips.tip_set_active(
        by=PersonFactory(roles=["community_manager"]), tip=library[0], is_active=False
    )
    assert shown(state, day(0)) == "Tip 2 EN"
    Tip.objects.all().delete()
    tips.tips_forget()
    assert shown(state, day(0)) is None


def test_the_tip_comes_in_the_persons_language(library, person) -> None:  # type: ignore[no-untyped-def]
    state = state_for(person)
    with translation.override("nl"):
        assert tips.tip_for_state(state, today=day(0)).title == "Tip 1 NL"  # type: ignore[union-attr]
    with translation.override("en"):
        assert tips.tip_for_state(state, today=day(0)).title == "Tip 1 EN"  # type: ignore[union-attr]
    with translation.override("de"):
        assert tips.tip_for_state(state, today=day(0)).title == "Tip 1 EN"  # type: ignore[union-attr]


def test_start_page_shows_the_tip_and_got_it_works_with_htmx(client, library) -> None:  # type: ignore[no-untyped-def]
    anne = PersonFactory(language="nl")
    client.force_login(anne)
    page = client.get(HOME).content.decode()
    assert "Tip 1 NL" in page and "Tekst 1" in page and 'id="start-tip-dismiss"' in page
    assert OnboardingState.objects.filter(person=anne).exists()  # made on the first visit
    response = client.post(DISMISS, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="start-tip-done"' in response.content.decode()
    assert "<html" not in response.content.decode()
    state = OnboardingState.objects.get(person=anne)
    assert state.tips_seen == 1 and state.tip_dismissed_on is not None
    page = client.get(HOME).content.decode()
    assert "Tip 1 NL" not in page and 'id="start-tip"' not in page
    assert 'id="widget-tip"' in page  # the block stays in place, empty for today


def test_got_it_without_javascript_goes_back_home_with_a_message(client, library) -> None:  # type: ignore[no-untyped-def]
    bram = PersonFactory(language="en")
    client.force_login(bram)
    client.get(HOME)
    response = client.post(DISMISS, follow=True)
    assert response.redirect_chain[-1][0] == HOME
    html = response.content.decode()
    assert "Your next tip comes" in html
    assert "Tip 1 EN" not in html
    assert client.get(DISMISS).status_code == 405


def test_language_switch_changes_the_tip_text(client, library) -> None:  # type: ignore[no-untyped-def]
    carla = PersonFactory(language="en")
    client.force_login(carla)
    assert "Tip 1 EN" in client.get(HOME).content.decode()
    carla.language = "nl"
    carla.save(update_fields=["language"])
    assert "Tip 1 NL" in client.get(HOME).content.decode()


def test_widget_costs_one_query_once_the_library_is_cached(  # type: ignore[no-untyped-def]
    rf, library, person, django_assert_num_queries
) -> None:
    state_for(person, started=datetime.now(tz=AMS))
    request = rf.get(HOME)
    request.user = person
    tips.tip_widget_context(request)  # fills the cache
    with django_assert_num_queries(1):
        context = tips.tip_widget_context(request)
    assert context["tip"].title in {"Tip 1 EN", "Tip 1 NL"}


def test_markdown_is_rendered_safely_and_the_intranet_name_filled_in(library, person) -> None:  # type: ignore[no-untyped-def]
    from plein.core.selectors import branding_get

    Tip.objects.filter(pk=library[0].pk).update(
        title_en="Welcome to {intranet}",
        body_en="**Bold** <script>alert(1)</script> [x](javascript:alert(1)) on {intranet}",
    )
    tips.tips_forget()
    tip = tips.tip_for_state(state_for(person), today=day(0), language="en")
    assert tip is not None
    name = branding_get().intranet_name
    assert tip.title == f"Welcome to {name}"
    assert "<strong>Bold</strong>" in tip.html
    assert "<script" not in tip.html and "&lt;script&gt;" in tip.html
    assert 'href="javascript' not in tip.html
    assert name in tip.html and "{intranet}" not in tip.html


# The digest's tip of the week --------------------------------------------------------------


def _digest(person, now: datetime, capture) -> str:  # type: ignore[no-untyped-def]
    """The text and HTML of the person's daily digest written `now`."""
    Notification.objects.create(
        recipient=person,
        actor=PersonFactory(),
        kind=Notification.Kind.COMMENT,
        post=PostFactory(author=person),
        created_at=now - timedelta(hours=1),
    )
    mail.outbox.clear()
    with capture(execute=True):
        assert notification_services.digest_send(person_id=person.pk, frequency="daily", now=now)
    assert len(mail.outbox) == 1
    return mail.outbox[0].body + mail.outbox[0].alternatives[0][0]  # type: ignore[attr-defined]


def test_digest_carries_the_tip_of_the_week_once_a_week_in_the_persons_language(  # type: ignore[no-untyped-def]
    library, django_capture_on_commit_callbacks
) -> None:
    capture = django_capture_on_commit_callbacks
    dutch, english = PersonFactory(language="nl"), PersonFactory(language="en")
    for person in (dutch, english):
        NotificationSettings.objects.create(person=person, digest="daily")
    monday = datetime(2026, 11, 23, 7, tzinfo=AMS)
    expected = tips.tip_of_the_week(today=monday.date(), language="en")
    assert expected is not None
    number = expected.title.split()[1]
    text = _digest(dutch, monday, capture)
    assert f"Tip {number} NL" in text and f"Tekst {number}" in text
    assert f"Tip {number} EN" not in text
    text = _digest(english, monday, capture)
    assert "Tip of the week" in text
    assert f"Tip {number} EN" in text and f"Text {number}" in text
    # The next day, the same week: no tip again. The next week: the next tip.
    text = _digest(english, monday + timedelta(days=1), capture)
    assert "Tip of the week" not in text and f"Tip {number} EN" not in text
    text = _digest(english, monday + timedelta(days=7), capture)
    following = tips.tip_of_the_week(today=day(7), language="en")
    assert following is not None and following.title != expected.title
    assert following.title in text


# The community manager's library -----------------------------------------------------------


@pytest.fixture
def cm_client(client, community_manager):  # type: ignore[no-untyped-def]
    client.force_login(community_manager)
    return client


def _data(**changes: str) -> dict[str, str]:
    return {
        "title_nl": "Nieuwe tip",
        "body_nl": "Zo doe je dat.",
        "title_en": "New tip",
        "body_en": "This is how.",
        **changes,
    }


def test_community_manager_adds_a_tip_at_the_end(cm_client, library) -> None:  # type: ignore[no-untyped-def]
    page = cm_client.get(TIPS)
    assert page.status_code == 200
    assert "Tip 3 NL" in page.content.decode() and "Tip 3 EN" in page.content.decode()
    response = cm_client.post(TIPS, _data())
    assert response.status_code == 302
    tip = Tip.objects.get(title_en="New tip")
    assert tip.position > library[-1].position and tip.is_active
    assert tips.active_tips()[-1].pk == tip.pk  # the cache was refreshed


def test_a_tip_with_a_missing_language_is_shown_again_with_errors(cm_client, library) -> None:  # type: ignore[no-untyped-def]
    response = cm_client.post(TIPS, _data(title_en="", body_nl="Mijn getypte tekst"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn getypte tekst" in html and "errorlist" in html
    assert not Tip.objects.filter(title_nl="Nieuwe tip").exists()


def test_community_manager_edits_moves_deactivates_and_deletes(cm_client, library) -> None:  # type: ignore[no-untyped-def]
    first, second = library[0], library[1]
    edit = reverse("onboarding:tip_edit", args=[first.pk])
    assert "Tip 1 NL" in cm_client.get(edit).content.decode()
    assert cm_client.post(edit, _data(title_en="   ")).status_code == 400
    assert cm_client.post(edit, _data(title_en="Changed")).status_code == 302
    first.refresh_from_db()
    assert first.title_en == "Changed"

    cm_client.post(reverse("onboarding:tip_move", args=[first.pk]), {"direction": "down"})
    assert [t.pk for t in Tip.objects.order_by("position")][:2] == [second.pk, first.pk]
    cm_client.post(reverse("onboarding:tip_move", args=[first.pk]), {"direction": "up"})
    assert [t.pk for t in Tip.objects.order_by("position")][:2] == [first.pk, second.pk]

    cm_client.post(reverse("onboarding:tip_active", args=[first.pk]), {"active": "0"})
    assert first.pk not in [t.pk for t in tips.active_tips()]
    assert "Not shown" in cm_client.get(TIPS).content.decode()
    cm_client.post(reverse("onboarding:tip_active", args=[first.pk]), {"active": "1"})
    assert tips.active_tips()[0].pk == first.pk

    delete = reverse("onboarding:tip_delete", args=[second.pk])
    confirm = cm_client.get(delete)
    assert confirm.status_code == 200 and 'id="tip-delete-confirm"' in confirm.content.decode()
    assert Tip.objects.filter(pk=second.pk).exists()  # asking is not deleting
    assert cm_client.post(delete).status_code == 302
    assert not Tip.objects.filter(pk=second.pk).exists()
    assert second.pk not in [t.pk for t in tips.active_tips()]


def test_employees_may_not_manage_tips(logged_in_client, person, library) -> None:  # type: ignore[no-untyped-def]
    tip = library[0]
    for url in (
        TIPS,
        reverse("onboarding:tip_edit", args=[tip.pk]),
        reverse("onboarding:tip_delete", args=[tip.pk]),
    ):
        assert logged_in_client.get(url).status_code == 403
    for url, data in (
        (TIPS, _data()),
        (reverse("onboarding:tip_edit", args=[tip.pk]), _data()),
        (reverse("onboarding:tip_move", args=[tip.pk]), {"direction": "down"}),
        (reverse("onboarding:tip_active", args=[tip.pk]), {"active": "0"}),
        (reverse("onboarding:tip_delete", args=[tip.pk]), {}),
    ):
        assert logged_in_client.post(url, data).status_code == 403
    tip.refresh_from_db()
    assert tip.is_active and tip.title_en == "Tip 1 EN"
    assert Tip.objects.count() == 5
    with pytest.raises(PermissionDenied):
        tips.tip_create(by=person, title_nl="a", body_nl="b", title_en="c", body_en="d")


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(TIPS).status_code == 302
    assert client.post(DISMISS).status_code == 302
