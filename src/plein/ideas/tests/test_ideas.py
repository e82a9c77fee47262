import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post, PostFollow

from .. import permissions, selectors, services
from ..models import IdeaDetails, IdeaVote
from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_post_an_idea_the_author_follows_it(logged_in_client, person):
    response = logged_in_client.post(
        reverse("ideas:create"),
        {"title": "Donkere modus", "topic": "intranet", "body": "Graag!"},
    )
    post = Post.objects.get(kind=Post.Kind.IDEA)
    assert response.status_code == 302
    assert post.idea_details.status == IdeaDetails.Status.NEW
    assert PostFollow.objects.filter(post=post, person=person).exists()


def test_the_form_re_shows_input(logged_in_client):
    response = logged_in_client.post(reverse("ideas:create"), {"title": "Half", "body": ""})
    assert response.status_code == 400
    assert 'value="Half"' in response.content.decode()


def test_vote_once_not_on_own_idea_and_voter_follows(person):
    idea = IdeaFactory()
    assert services.idea_vote(person=person, post=idea.post, support=True) == 1
    assert services.idea_vote(person=person, post=idea.post, support=True) == 1
    assert PostFollow.objects.filter(post=idea.post, person=person).exists()
    assert services.idea_vote(person=person, post=idea.post, support=False) == 0
    with pytest.raises(PermissionDenied):
        services.idea_vote(person=idea.post.author, post=idea.post, support=True)
    assert not IdeaVote.objects.exists()


def test_vote_by_htmx_returns_the_pressed_button(logged_in_client):
    idea = IdeaFactory()
    response = logged_in_client.post(
        reverse("ideas:vote", args=[idea.post.pk]), {"support": "1"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'aria-pressed="true"' in html and "<strong>1</strong>" in html


def test_only_community_managers_set_the_status(client, person, community_manager):
    idea = IdeaFactory()
    url = reverse("ideas:status", args=[idea.post.pk])
    client.force_login(person)
    assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.idea_set_status(actor=person, post=idea.post, status="planned", note="x")
    client.force_login(community_manager)
    response = client.post(url, {"status": "planned", "note": ""})
    assert response.status_code == 400  # an explanation is needed
    response = client.post(url, {"status": "planned", "note": "Next quarter"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == "planned" and idea.status_changed_by == community_manager


def test_status_change_emails_following_followers_who_may_see(
    community_manager, django_capture_on_commit_callbacks
):
    idea = IdeaFactory()
    voter, muted, gone = PersonFactory(language="en"), PersonFactory(), PersonFactory()
    PostFollow.objects.create(person=idea.post.author, post=idea.post)
    services.idea_vote(person=voter, post=idea.post, support=True)
    PostFollow.objects.create(person=muted, post=idea.post, state=PostFollow.State.MUTED)
    PostFollow.objects.create(person=gone, post=idea.post)
    gone.is_active = False
    gone.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(
            actor=community_manager, post=idea.post, status="done", note="Built it"
        )
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([idea.post.author.email, voter.email])
    english = next(m for m in mail.outbox if m.to == [voter.email])
    assert "Done" in english.subject and "Built it" in english.body


def test_board_filters_and_sorts(person):
    popular = IdeaFactory(topic="organisation", vote_count=5)
    newer = IdeaFactory(status="planned")
    assert list(selectors.board(person)) == [popular.post, newer.post]
    assert list(selectors.board(person, sort="newest")) == [newer.post, popular.post]
    assert list(selectors.board(person, status="planned")) == [newer.post]
    assert list(selectors.board(person, topic="organisation")) == [popular.post]


def test_function_and_queryset_agree_and_deactivated_see_nothing(person):
    idea = IdeaFactory()
    gone = PersonFactory(is_active=False)
    assert list(permissions.visible_ideas(person)) == [idea.post]
    assert permissions.can_view_idea(person, idea.post)
    assert not permissions.visible_ideas(gone).exists()
    assert not permissions.can_view_idea(gone, idea.post)


def test_idea_page_shows_status_and_support(logged_in_client, community_manager):
    idea = IdeaFactory()
    services.idea_set_status(
        actor=community_manager, post=idea.post, status="declined", note="No budget"
    )
    html = logged_in_client.get(reverse("ideas:detail", args=[idea.post.pk])).content.decode()
    assert "No budget" in html and 'aria-pressed="false"' in html


def test_unknown_status_is_refused(community_manager):
    idea = IdeaFactory()
    with pytest.raises(ValidationError):
        services.idea_set_status(actor=community_manager, post=idea.post, status="maybe")


def test_board_query_count_is_flat(logged_in_client, django_assert_num_queries):
    IdeaFactory.create_batch(3)
    url = reverse("ideas:board")
    logged_in_client.get(url)
    with django_assert_num_queries(7) as few:
        logged_in_client.get(url)
    IdeaFactory.create_batch(10)
    with django_assert_num_queries(len(few.captured_queries)):
        assert logged_in_client.get(url).status_code == 200


def test_the_stream_card_shows_the_idea_with_its_status(logged_in_client, person):
    idea = IdeaFactory(post__author=person, status="planned")
    html = logged_in_client.get("/").content.decode()
    assert f'href="/ideas/{idea.post.pk}/"' in html
    assert "idea-status--planned" in html
