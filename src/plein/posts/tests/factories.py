import factory
from django.utils import timezone

from plein.people.tests.factories import PersonFactory
from plein.posts.models import Comment, Post, Reaction


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    author = factory.SubFactory(PersonFactory)
    space = None
    body = factory.Sequence(lambda n: f"Bericht nummer {n}")
    body_html = factory.LazyAttribute(lambda post: f"<p>{post.body}</p>")
    created_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author = factory.SubFactory(PersonFactory)
    body = factory.Sequence(lambda n: f"Reactie {n}")
    body_html = factory.LazyAttribute(lambda comment: f"<p>{comment.body}</p>")


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    kind = Reaction.Kind.LIKE
