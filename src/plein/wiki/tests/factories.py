import factory

from plein.people.tests.factories import PersonFactory
from plein.spaces.tests.factories import SpaceFactory
from plein.wiki.models import Page, PageRevision


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        skip_postgeneration_save = True

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.Sequence(lambda n: f"pagina-{n}")
    body = "Tekst van de pagina."
    body_html = "<p>Tekst van de pagina.</p>"
    created_by = factory.SubFactory(PersonFactory)
    updated_by = factory.SelfAttribute("created_by")

    @factory.post_generation
    def first_revision(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            PageRevision.objects.create(
                page=obj, number=1, title=obj.title, body=obj.body, edited_by=obj.created_by
            )
