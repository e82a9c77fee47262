import factory

from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory

from ..models import IdeaDetails


class IdeaFactory(factory.django.DjangoModelFactory):
    """The details row, with its post (kind IDEA)."""

    class Meta:
        model = IdeaDetails

    post = factory.SubFactory(
        PostFactory, kind=Post.Kind.IDEA, title=factory.Sequence(lambda n: f"Idea {n}")
    )
    topic = IdeaDetails.Topic.INTRANET
