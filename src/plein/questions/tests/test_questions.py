"""Rules, services, pages and the demo step of questions and answers."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plein.people.models import Department
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.spaces.models import Space
from plein.spaces.tests.factories import MembershipFactory, SpaceFactory

from .. import permissions, selectors, services
from ..models import AnswerVote, Helper, QuestionDetails

pytestmark = pytest.mark.django_db


def ask(author, title="Hoe declareer ik reiskosten?", **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("body", "Waar vul ik de treinkosten in?")
    return services.question_ask(author=author, title=title, **kwargs)


def secret_space_question():  # type: ignore[no-untyped-def]
    space = SpaceFactory(kind=Space.Kind.SECRET)
    member = PersonFactory()
    MembershipFactory(space=space, person=member)
    return space, member, ask(member, "Geheim project planning?", space=space)


# -- rules --------------------------------------------------------------------------------------


def test_question_in_secret_space_is_hidden_from_outsiders_everywhere() -> None:
    _space, member, question = secret_space_question()
    outsider = PersonFactory()
    for user, sees in ((member, True), (outsider, False)):
        assert permissions.can_view_question(user, question) is sees
        assert (question in permissions.visible_questions(user)) is sees
        assert (question in selectors.question_list(user).object_list) is sees
        assert (question in selectors.similar_questions(user, "geheim project")) is sees
        assert (selectors.question_get(user, question.pk) is not None) is sees


def test_the_start_page_lists_open_questions_the_viewer_may_read(client) -> None:  # type: ignore[no-untyped-def]
    asker, viewer = PersonFactory(), PersonFactory()
    open_one = ask(asker, "Waar staat de printer?")
    answered = ask(asker, "Wie heeft de sleutel?")
    answer = services.answer_create(question=answered, author=viewer, body="De receptie.")
    services.answer_accept(question=answered, answer=answer, by=asker)
    _space, _member, secret = secret_space_question()
    assert selectors.unanswered_questions(viewer) == [open_one]
    client.force_login(viewer)
    page = client.get(reverse("core:home")).content.decode()
    assert "Waar staat de printer?" in page
    assert "Wie heeft de sleutel?" not in page and secret.title not in page


def test_closed_space_question_hidden_from_non_members() -> None:
    space = SpaceFactory(kind=Space.Kind.CLOSED)
    member = PersonFactory()
    MembershipFactory(space=space, person=member)
    question = ask(member, space=space)
    assert not permissions.can_view_question(PersonFactory(), question)
    assert question not in permissions.visible_questions(PersonFactory())


def test_asking_in_a_space_needs_membership() -> None:
    space = SpaceFactory()
    with pytest.raises(PermissionDenied):
        ask(PersonFactory(), space=space)


def test_deactivated_people_see_nothing_and_cannot_act() -> None:
    question = ask(PersonFactory())
    answer = services.answer_create(question=question, author=PersonFactory(), body="Zo.")
    gone = PersonFactory(is_active=False)
    assert not permissions.visible_questions(gone).exists()
    assert not permissions.can_view_question(gone, question)
    assert not permissions.can_vote(gone, answer)
    assert selectors.similar_questions(gone, "declareer reiskosten") == []
    with pytest.raises(PermissionDenied):
        ask(gone)


def test_only_asker_or_moderator_accepts(community_manager) -> None:  # type: ignore[no-untyped-def]
    asker, answerer, other = PersonFactory(), PersonFactory(), PersonFactory()
    question = ask(asker)
    answer = services.answer_create(question=question, author=answerer, body="Via het portaal.")
    with pytest.raises(PermissionDenied):
        services.answer_accept(question=question, answer=answer, by=other)
    with pytest.raises(PermissionDenied):
        services.answer_accept(question=question, answer=answer, by=answerer)
    services.answer_accept(question=question, answer=answer, by=community_manager)
    assert QuestionDetails.objects.get(post=question).accepted_answer == answer


def test_space_moderator_may_accept() -> None:
    space = SpaceFactory()
    asker, owner = PersonFactory(), PersonFactory()
    MembershipFactory(space=space, person=asker)
    MembershipFactory(space=space, person=owner, role="owner")
    question = ask(asker, space=space)
    assert permissions.can_accept(owner, question) is True


def test_votes_only_by_people_who_can_see_and_not_own_answer() -> None:
    space, member, question = secret_space_question()
    answerer = PersonFactory()
    MembershipFactory(space=space, person=answerer)
    answer = services.answer_create(question=question, author=answerer, body="Zo doe je dat.")
    with pytest.raises(PermissionDenied):
        services.answer_vote_set(answer=answer, person=PersonFactory(), useful=True)
    with pytest.raises(PermissionDenied):
        services.answer_vote_set(answer=answer, person=answerer, useful=True)
    services.answer_vote_set(answer=answer, person=member, useful=True)
    services.answer_vote_set(answer=answer, person=member, useful=True)
    assert AnswerVote.objects.filter(comment=answer).count() == 1
    services.answer_vote_set(answer=answer, person=member, useful=False)
    assert not AnswerVote.objects.exists()


# -- services -----------------------------------------------------------------------------------


def test_tags_become_hashtags_and_first_is_topic() -> None:
    question = ask(PersonFactory(), tags="#Declaraties reizen, declaraties")
    assert sorted(question.hashtags.values_list("name", flat=True)) == ["declaraties", "reizen"]
    assert QuestionDetails.objects.get(post=question).topic.name == "declaraties"
    with pytest.raises(ValidationError):
        ask(PersonFactory(), tags="1abc")


def test_only_one_accepted_answer_and_answerer_gets_email(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    asker = PersonFactory()
    first, second = PersonFactory(language="en"), PersonFactory(language="nl")
    question = ask(asker)
    a1 = services.answer_create(question=question, author=first, body="Een.")
    a2 = services.answer_create(question=question, author=second, body="Twee.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(question=question, answer=a1, by=asker)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(question=question, answer=a2, by=asker)
    assert QuestionDetails.objects.get(post=question).accepted_answer == a2
    assert [m.to for m in mail.outbox] == [[first.email], [second.email]]
    assert "accepted" in mail.outbox[0].subject
    assert "geaccepteerd" in mail.outbox[1].subject or question.title in mail.outbox[1].subject
    reply = services.answer_create(question=question, author=first, body="x")
    reply.parent = a1
    reply.save()
    with pytest.raises(ValidationError):
        services.answer_accept(question=question, answer=reply, by=asker)


def test_routing_emails_only_helpers_who_may_see(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    department = Department.objects.create(name="Financiën")
    space = SpaceFactory(kind=Space.Kind.SECRET)
    asker, inside, outside, topic_helper = (PersonFactory() for _ in range(4))
    for person in (asker, inside):
        MembershipFactory(space=space, person=person)
    Helper.objects.create(person=inside, department=department)
    Helper.objects.create(person=outside, department=department)
    manager = PersonFactory(roles=["community_manager"])
    services.helper_add(by=manager, person=topic_helper, topic="declaraties")
    with django_capture_on_commit_callbacks(execute=True):
        ask(asker, space=space, department=department, tags="declaraties")
    assert [m.to for m in mail.outbox] == [[inside.email]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ask(asker, department=department, tags="declaraties")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [inside.email, outside.email, topic_helper.email]
    )
    assert "reiskosten" in mail.outbox[0].body


def test_without_a_helper_the_askers_ambassadors_get_the_question(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    from plein.ambassadors.models import Ambassador

    finance, care = (Department.objects.create(name=name) for name in ("Financiën", "Zorg"))
    asker = PersonFactory(department=care, first_name="Fatima", last_name="Amrani")
    care_ambassador, finance_ambassador, helper = (PersonFactory(language="en") for _ in range(3))
    Ambassador.objects.create(person=care_ambassador, department=care)
    Ambassador.objects.create(person=finance_ambassador, department=finance)

    with django_capture_on_commit_callbacks(execute=True):
        lonely = ask(asker, "Waar vind ik het declaratieformulier?", department=finance)
    assert [m.to for m in mail.outbox] == [[care_ambassador.email]]
    assert "Nobody is a helper for this subject yet" in mail.outbox[0].body
    assert "Fatima Amrani" in mail.outbox[0].body
    assert list(lonely.question_details.routed_to.all()) == [care_ambassador]

    mail.outbox.clear()
    Helper.objects.create(person=helper, department=finance)
    with django_capture_on_commit_callbacks(execute=True):
        helped = ask(asker, "Wanneer wordt de reiskosten uitbetaald?", department=finance)
    assert [m.to for m in mail.outbox] == [[helper.email]]  # a helper: ambassadors are spared
    assert "You are a helper for this subject" in mail.outbox[0].body

    def sent_to(person):  # type: ignore[no-untyped-def]
        return [p.pk for p in selectors.question_list(person, tab="sent").object_list]

    assert sent_to(care_ambassador) == [lonely.pk]
    assert sent_to(helper) == [helped.pk]
    assert sent_to(finance_ambassador) == [] and sent_to(asker) == []


def test_without_an_own_ambassador_a_question_is_not_sent_to_every_ambassador(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    from plein.ambassadors.models import Ambassador

    care, finance = (Department.objects.create(name=name) for name in ("Zorg", "Financiën"))
    Ambassador.objects.create(person=PersonFactory(), department=finance)

    with django_capture_on_commit_callbacks(execute=True):
        question = ask(PersonFactory(department=care))

    assert mail.outbox == []
    assert not question.question_details.routed_to.exists()


def test_an_ambassador_who_may_not_read_the_question_is_not_sent_it(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    from plein.ambassadors.models import Ambassador

    care = Department.objects.create(name="Zorg")
    asker = PersonFactory(department=care)
    Ambassador.objects.create(person=PersonFactory(), department=care)
    space = SpaceFactory(kind=Space.Kind.SECRET)
    MembershipFactory(space=space, person=asker)

    with django_capture_on_commit_callbacks(execute=True):
        question = ask(asker, space=space)

    assert mail.outbox == []
    assert not question.question_details.routed_to.exists()


def test_sent_to_you_tab(client) -> None:  # type: ignore[no-untyped-def]
    department = Department.objects.create(name="ICT")
    helper = PersonFactory(language="en")
    Helper.objects.create(person=helper, department=department)
    client.force_login(helper)
    empty = client.get(reverse("questions:list"), {"tab": "sent"})
    assert b'id="questions-tab-sent" aria-current="page"' in empty.content
    assert b"No questions were sent to you." in empty.content

    question = ask(PersonFactory(), "Mijn laptop start niet op", department=department)
    response = client.get(reverse("questions:list"), {"tab": "sent"})
    assert f'id="question-{question.pk}"'.encode() in response.content
    assert b"No questions were sent to you." not in response.content


def test_helpers_managed_by_community_managers_only() -> None:
    with pytest.raises(PermissionDenied):
        services.helper_add(by=PersonFactory(), person=PersonFactory(), topic="ict")
    manager = PersonFactory(roles=["community_manager"])
    with pytest.raises(ValidationError):
        services.helper_add(by=manager, person=PersonFactory())


# -- selectors ----------------------------------------------------------------------------------


def test_lists_answered_unanswered_mine_tag_and_space() -> None:
    me = PersonFactory()
    open_question = ask(me, "Waar is het verlofformulier?", tags="verlof")
    answered = ask(PersonFactory(), "Hoe reserveer ik een ruimte?")
    answer = services.answer_create(question=answered, author=me, body="In Outlook.")
    services.answer_accept(question=answered, answer=answer, by=answered.author)
    space = SpaceFactory()
    MembershipFactory(space=space, person=me)
    in_space = ask(me, "Wie komt er vrijdag?", space=space)

    def ids(**kwargs):  # type: ignore[no-untyped-def]
        return {p.pk for p in selectors.question_list(me, **kwargs).object_list}

    assert ids(tab="unanswered") == {open_question.pk, in_space.pk}
    assert ids(tab="answered") == {answered.pk}
    assert ids(tab="mine") == {open_question.pk, in_space.pk}
    assert ids(tag="verlof") == {open_question.pk}
    assert ids(space=space) == {in_space.pk}


def test_similar_questions_share_words_best_match_first() -> None:
    ask(PersonFactory(), "Hoe declareer ik mijn reiskosten?")
    best = ask(PersonFactory(), "Reiskosten declareren voor een cursus")
    ask(PersonFactory(), "Waar staat de koffieautomaat?")
    found = selectors.similar_questions(PersonFactory(), "reiskosten cursus declareren")
    assert found[0].pk == best.pk
    assert len(found) == 2
    assert selectors.similar_questions(PersonFactory(), "de en het") == []


def test_answers_sorted_accepted_first_then_votes() -> None:
    asker = PersonFactory()
    question = ask(asker)
    a1, a2, a3 = (
        services.answer_create(question=question, author=PersonFactory(), body=t)
        for t in ("een", "twee", "drie")
    )
    services.answer_vote_set(answer=a2, person=PersonFactory(), useful=True)
    services.answer_accept(question=question, answer=a3, by=asker)
    post = selectors.question_get(asker, question.pk)
    assert [a.pk for a in selectors.answers_of(asker, post)] == [a3.pk, a2.pk, a1.pk]


# -- pages --------------------------------------------------------------------------------------


def test_list_query_count_is_flat(client, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    me = PersonFactory()
    client.force_login(me)
    space = SpaceFactory()
    MembershipFactory(space=space, person=me)
    ask(me, tags="een")
    client.get(reverse("questions:list"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("questions:list")).status_code == 200
    for n in range(6):
        question = ask(PersonFactory(), f"Vraag nummer {n}?", tags="een twee")
        services.answer_create(question=question, author=me, body="Antwoord.")
    ask(me, "In de ruimte?", space=space)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("questions:list"))
    assert response.content.count(b'class="question-row card"') == 8


def test_pages_hide_secret_questions(client) -> None:  # type: ignore[no-untyped-def]
    _space, member, question = secret_space_question()
    outsider = PersonFactory()
    client.force_login(outsider)
    assert client.get(reverse("questions:detail", args=[question.pk])).status_code == 404
    assert question.title.encode() not in client.get(reverse("questions:list")).content
    response = client.get(reverse("questions:similar"), {"title": "geheim project"})
    assert question.title.encode() not in response.content
    client.force_login(member)
    response = client.get(reverse("questions:similar"), {"title": "geheim project"})
    assert question.title.encode() in response.content


def test_ask_form_reshows_typed_input(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(PersonFactory())
    response = client.post(
        reverse("questions:ask"), {"title": "", "body": "Mijn uitleg hier", "tags": "1fout"}
    )
    assert response.status_code == 400
    assert b"Mijn uitleg hier" in response.content
    assert b"1fout" in response.content


def test_ask_answer_vote_accept_through_pages(client) -> None:  # type: ignore[no-untyped-def]
    asker, answerer, voter = PersonFactory(), PersonFactory(), PersonFactory()
    client.force_login(asker)
    response = client.post(
        reverse("questions:ask"), {"title": "Waar is de printer?", "body": "", "tags": "ict"}
    )
    question = Post.objects.get(kind=Post.Kind.QUESTION)
    assert response.status_code == 302
    client.force_login(answerer)
    empty = client.post(reverse("questions:answer", args=[question.pk]), {"body": "  "})
    assert empty.status_code == 400
    client.post(reverse("questions:answer", args=[question.pk]), {"body": "Op de gang."})
    answer = question.comments.get()
    client.force_login(voter)
    response = client.post(
        reverse("questions:vote", args=[answer.pk]), {"useful": "1"}, HTTP_HX_REQUEST="true"
    )
    assert b'aria-pressed="true"' in response.content
    assert (
        client.post(reverse("questions:accept", args=[answer.pk]), {"accept": "1"}).status_code
        == 403
    )
    client.force_login(asker)
    client.post(reverse("questions:accept", args=[answer.pk]), {"accept": "1"})
    page = client.get(reverse("questions:detail", args=[question.pk]))
    assert f'id="answer-{answer.pk}-accepted"'.encode() in page.content
    assert b"questions/partials" not in page.content
    home = client.get(reverse("questions:list") + "?tab=answered")
    assert b"Waar is de printer?" in home.content


def test_helpers_page(client) -> None:  # type: ignore[no-untyped-def]
    manager = PersonFactory(roles=["community_manager"])
    helper = PersonFactory()
    client.force_login(PersonFactory())
    assert client.post(reverse("questions:helpers"), {"email": helper.email}).status_code == 403
    client.force_login(manager)
    bad = client.post(reverse("questions:helpers"), {"email": "nobody@example.org", "topic": "ict"})
    assert bad.status_code == 400 and b"nobody@example.org" in bad.content
    client.post(reverse("questions:helpers"), {"email": helper.email, "topic": "ict"})
    assert Helper.objects.get().person == helper


def test_demo_step_is_deterministic() -> None:
    import random

    from faker import Faker

    from plein.people.demo import people_step

    from ..demo import questions_step

    out = OutputWrapper(io.StringIO())
    people_step(rng=random.Random(1), fake=Faker("nl_NL"), people=30, stdout=out)
    questions_step(rng=random.Random(2), fake=Faker("nl_NL"), people=30, stdout=out)
    answered = QuestionDetails.objects.filter(accepted_answer__isnull=False).count()
    assert Post.objects.filter(kind=Post.Kind.QUESTION).count() == 13
    assert 0 < answered < 13
    assert Helper.objects.exists()


def test_demo_routing_step_sends_every_question_to_someone_without_mail() -> None:
    import random

    from faker import Faker

    from plein.ambassadors.models import Ambassador
    from plein.people.demo import people_step

    from ..demo import questions_step, routing_step

    out = OutputWrapper(io.StringIO())
    people_step(rng=random.Random(1), fake=Faker("nl_NL"), people=30, stdout=out)
    questions_step(rng=random.Random(2), fake=Faker("nl_NL"), people=30, stdout=out)
    ambassador = PersonFactory()
    Ambassador.objects.create(person=ambassador)  # organisation-wide

    routing_step(rng=random.Random(3), fake=Faker("nl_NL"), people=30, stdout=out)

    unrouted = QuestionDetails.objects.filter(routed_to__isnull=True)
    assert not unrouted.exists()
    assert selectors.question_list(ambassador, tab="sent").paginator.count > 0
    assert mail.outbox == []


def test_stream_card_shows_title_state_and_answer_count(client) -> None:  # type: ignore[no-untyped-def]
    me = PersonFactory()
    space = SpaceFactory()
    MembershipFactory(space=space, person=me)
    question = ask(me, "Wie weet waar de sleutel ligt?", space=space)
    answer = services.answer_create(question=question, author=PersonFactory(), body="Bij de balie.")
    services.answer_accept(question=question, answer=answer, by=me)
    client.force_login(me)
    content = client.get(reverse("spaces:detail", args=[space.slug])).content.decode()
    assert f'id="question-{question.pk}-title"' in content
    assert "question-badge--answered" in content
