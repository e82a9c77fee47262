import factory
from django.utils import timezone

from plein.people.tests.factories import PersonFactory
from plein.posts.counters import post_counters_refresh
from plein.posts.models import Comment, Post, Reaction


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    author = factory.SubFactory(PersonFactory)
    space = None
    body = factory.Sequence(lambda n: f"Bericht nummer {n}")
    body_html = factory.LazyAttribute(lambda post: f"<p>{post.body}</p>")
    created_at = factory.LazyFunction(timezone.now)


class _CountedFactory(factory.django.DjangoModelFactory):
    """Rows made outside the services: count the post's comments and reactions again, as the
    services would have."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        row = super()._create(model_class, *args, **kwargs)
        post_id = row.post_id or (row.comment.post_id if getattr(row, "comment", None) else None)
        if post_id:
            post_counters_refresh(post_ids=[post_id])
        return row


class CommentFactory(_CountedFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author = factory.SubFactory(PersonFactory)
    body = factory.Sequence(lambda n: f"Reactie {n}")
    body_html = factory.LazyAttribute(lambda comment: f"<p>{comment.body}</p>")


class ReactionFactory(_CountedFactory):
    class Meta:
        model = Reaction

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    kind = Reaction.Kind.LIKE
