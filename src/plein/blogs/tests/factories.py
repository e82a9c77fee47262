import factory

from plein.blogs.models import BlogEntry, Series
from plein.people.tests.factories import PersonFactory
from plein.posts.models import Post
from plein.posts.tests.factories import PostFactory


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    owner = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Serie {n}")
    slug = factory.Sequence(lambda n: f"serie-{n}")


class BlogPostFactory(PostFactory):
    kind = Post.Kind.BLOG
    title = factory.Sequence(lambda n: f"Blog {n}")


class BlogEntryFactory(factory.django.DjangoModelFactory):
    """A blog entry: a post of kind BLOG with its details row (series None unless given)."""

    class Meta:
        model = BlogEntry

    post = factory.SubFactory(BlogPostFactory)
    series = None
