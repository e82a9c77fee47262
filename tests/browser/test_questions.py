"""Questions in Chromium: a colleague asks a question while similar ones are suggested, another
answers, a third votes the answer useful, the asker accepts it; axe runs on every page."""

import pytest

from plein.people.tests.factories import DEFAULT_PASSWORD, PersonFactory
from plein.posts.models import Post
from plein.questions import services
from plein.questions.models import AnswerVote, QuestionDetails

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_answer_vote_accept(visitor, phone_visitor):  # type: ignore[no-untyped-def]
    asker = PersonFactory(email="vrager@example.org")
    answerer = PersonFactory(email="helper@example.org")
    voter = PersonFactory(email="lezer@example.org")
    earlier = services.question_ask(
        author=voter, title="Hoe declareer ik mijn reiskosten?", body="Treinkaartje."
    )
    page = visitor.page

    visitor.log_in(asker.email, DEFAULT_PASSWORD)
    visitor.visit("/questions/")
    page.click("#questions-ask")
    page.wait_for_selector("#ask-form")
    visitor.check_accessibility()
    page.locator("#id_title").press_sequentially("Reiskosten declareren voor een cursus?")
    page.wait_for_selector(f"#similar-{earlier.pk}")
    visitor.check_accessibility()
    page.fill("#id_body", "Ik ging naar Utrecht.")
    page.fill("#id_tags", "declaraties")
    page.click("#ask-submit")
    page.wait_for_selector("#question-title")
    visitor.check_accessibility()
    question = Post.objects.get(kind=Post.Kind.QUESTION, author=asker)

    reader = phone_visitor.page
    phone_visitor.log_in(answerer.email, DEFAULT_PASSWORD)
    phone_visitor.visit(f"/questions/{question.pk}/")
    reader.fill("#id_body", "Via het personeelsportaal.")
    reader.click("#answer-submit")
    answer = question.comments.get()
    reader.wait_for_selector(f"#answer-{answer.pk}")
    phone_visitor.check_accessibility()

    reader.context.clear_cookies()  # the answerer leaves; the voter uses the same phone
    phone_visitor.log_in(voter.email, DEFAULT_PASSWORD)
    phone_visitor.visit(f"/questions/{question.pk}/")
    reader.click(f"#answer-{answer.pk}-vote-button")
    reader.wait_for_selector(f'#answer-{answer.pk}-vote-button[aria-pressed="true"]')
    phone_visitor.check_accessibility()
    assert AnswerVote.objects.filter(comment=answer, person=voter).exists()

    visitor.visit(f"/questions/{question.pk}/")
    page.click(f"#answer-{answer.pk}-accept")
    page.wait_for_selector(f"#answer-{answer.pk}-accepted")
    visitor.check_accessibility()
    assert QuestionDetails.objects.get(post=question).accepted_answer == answer
    visitor.visit("/questions/?tab=answered")
    assert page.locator(f"#question-{question.pk}-link").count() == 1
    visitor.visit("/questions/helpers/")


def test_a_question_nobody_helps_with_reaches_the_askers_ambassador(visitor):  # type: ignore[no-untyped-def]
    from plein.ambassadors.models import Ambassador
    from plein.people.tests.factories import DepartmentFactory

    care = DepartmentFactory(name="Zorg")
    asker = PersonFactory(email="vrager@example.org", department=care)
    ambassador = PersonFactory(email="ambassadeur@example.org", department=care)
    Ambassador.objects.create(person=ambassador, department=care)
    page = visitor.page

    visitor.log_in(asker.email, DEFAULT_PASSWORD)
    visitor.visit("/questions/ask/")
    page.fill("#id_title", "Waar staat het rooster van de nachtdienst?")
    page.click("#ask-submit")
    page.wait_for_selector("#question-title")
    question = Post.objects.get(kind=Post.Kind.QUESTION, author=asker)
    assert list(question.question_details.routed_to.all()) == [ambassador]

    page.context.clear_cookies()
    visitor.log_in(ambassador.email, DEFAULT_PASSWORD)
    visitor.visit("/ambassadors/")
    page.click("#ambassadors-questions-link")
    page.wait_for_selector(f"#question-{question.pk}-link")
    assert page.locator('#questions-tab-sent[aria-current="page"]').count() == 1
    visitor.check_accessibility()
