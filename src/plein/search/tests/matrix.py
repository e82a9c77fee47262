"""The world of the search permission matrix (test_permission_matrix.py).

One space of each kind (open, closed, secret), each holding one object of every indexed kind
that can live in a space (and removed ones), a space made secret after its content was indexed,
and the organisation-wide objects: posts of every kind on profiles, news for everyone, planned,
taken down and aimed at departments and locations, the marketplace, people. Every object is
written through its app's own service (so it is indexed as in production) and its text holds
the shared rare word WORD next to a code of its own ("zebravink zvopenwiki"): one search finds
them all, and a code in a page tells which object's text the page shows.

The viewers: each role x each relation to the spaces (the same to all of them: none, invited,
asked to join, member, moderator, owner, left, removed). What each may find is said in plain
words (`sees`), from the rules as written in the permission modules' docstrings, not from the
code under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from plein.accounts import services as account_services
from plein.blogs import services as blog_services
from plein.documents import services as document_services
from plein.documents.tests.factories import upload
from plein.events import services as event_services
from plein.events.models import Event
from plein.ideas import services as idea_services
from plein.ideas.models import IdeaDetails
from plein.kudos import services as kudos_services
from plein.kudos.models import Badge
from plein.market import services as market_services
from plein.market.models import Listing
from plein.news import services as news_services
from plein.people import services as people_services
from plein.people.models import Department, Location, Person
from plein.people.roles import roles_sync
from plein.people.tests.factories import DepartmentFactory, LocationFactory, PersonFactory
from plein.polls import services as poll_services
from plein.posts import services as post_services
from plein.posts.services import Reach
from plein.questions import services as question_services
from plein.spaces import services as space_services
from plein.spaces.models import Membership, Space
from plein.spaces.tests.factories import MembershipFactory
from plein.wiki import services as wiki_services

WORD = "zebravink"
PLACES = ("open", "closed", "secret")
ROLES = ("employee", "editor", "community_manager", "administrator", "project_team")
RELATIONS = ("none", "invited", "requested", "member", "moderator", "owner", "left", "removed")
MEMBER = ("member", "moderator", "owner")  # current members (state "member"), by their role

# Who finds an object, in words (see `sees`).
SPACE = "space"  # a space: open and closed ones everyone; a secret one its members and invitees
CONTENT = "content"  # in a space: everyone in an open one, else its current members
EVERYONE = "everyone"  # every active person
UNPUBLISHED = "unpublished"  # planned, taken down, or aimed at others: editors and CMs only
NOBODY = "nobody"  # removed (or of a removed post), or a deactivated person

SEES_UNPUBLISHED = ("editor", "community_manager")  # posts.see_unpublished
MANAGES_PEOPLE = ("administrator",)  # people.manage_roles: sees deactivated profiles


@dataclass(frozen=True)
class Thing:
    label: str  # "closed wiki", "planned news": for messages
    kind: str  # the search kind's key
    pk: int
    url: str
    code: str  # its own word, next to WORD in its text
    rule: str
    place: str = ""  # the kind of space it is in; "" organisation-wide
    space_id: int | None = None  # the entry's space (for the space facet)
    author_id: int | None = None  # the entry's author (for the author facet)
    # has an entry (removed posts and deactivated people have none); None: either way
    indexed: bool | None = True
    suggest: bool = False  # offered as a suggestion (people, spaces, wiki pages, documents)
    obj: Any = field(default=None, compare=False, hash=False, repr=False)

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.pk)


def sees(role: str, relation: str, thing: Thing) -> bool:
    """Whether an active viewer with this role and this relation to the spaces finds the thing,
    from the rules in words."""
    member = relation in MEMBER
    if thing.rule == SPACE:
        return thing.place != "secret" or member or relation == "invited"
    if thing.rule == CONTENT:
        return thing.place == "open" or member
    if thing.rule == UNPUBLISHED:
        return role in SEES_UNPUBLISHED
    return thing.rule == EVERYONE


def sees_person(role: str, person: Person) -> bool:
    """Whether the viewer may see this person's name (an author in the facets)."""
    return person.is_active or role in MANAGES_PEOPLE


@dataclass
class World:
    things: list[Thing]
    spaces: dict[str, Space]
    viewers: dict[tuple[str, str], Person]
    people: dict[int, Person]  # every author, by id
    gone_author: Person  # deactivated after writing a profile post

    def thing(self, label: str) -> Thing:
        return next(thing for thing in self.things if thing.label == label)


def _text(code: str) -> str:
    return f"{WORD} {code}"


def _title(code: str) -> str:
    return f"{WORD.capitalize()} {code}"


class _Builder:
    def __init__(self) -> None:
        self.things: list[Thing] = []

    def add(self, label: str, kind: str, obj: Any, rule: str, **fields: Any) -> Any:
        code = "zv" + label.replace(" ", "")
        self.things.append(
            Thing(label, kind, obj.pk, obj.get_absolute_url(), code, rule, obj=obj, **fields)
        )
        return obj

    def space(self, place: str, owner: Person) -> Space:
        code = f"zv{place}space"
        space = space_services.space_create(
            creator=owner, name=_title(code), description=_text(code), kind=place
        )
        return self.add(f"{place} space", "space", space, SPACE, place=place, suggest=True)

    def in_space(self, place: str, owner: Person) -> Space:
        """The space and one object of every kind that lives in a space."""
        space = self.space(place, owner)
        where = {"place": place, "space_id": space.pk, "author_id": owner.pk}
        # A first line without WORD: it is the post's title, which its comments' entries carry
        # (SQLite quotes the column that matches best, which would then be the title).
        code = f"zv{place}post"
        body = f"Overleg {code}\n\n{_text(code)}"
        post = post_services.post_create(author=owner, space=space, body=body)
        self.add(f"{place} post", "post", post, CONTENT, **where)
        self._comments(place, owner, post, where)
        self._questions_and_polls(place, owner, space, where)
        page = wiki_services.page_create(
            space=space, author=owner, title=_title(f"zv{place}wiki"), body=_text(f"zv{place}wiki")
        )
        self.add(f"{place} wiki", "wiki", page, CONTENT, suggest=True, **where)
        self._document(f"{place} document", owner, space, CONTENT, where)
        self._event(f"{place} event", owner, space, CONTENT, where)
        return space

    def turned_secret(self, owner: Person) -> Space:
        """A space that was open while its content was written (and indexed), then made
        secret: what it holds is found as in any secret space."""
        space = space_services.space_create(
            creator=owner,
            name=_title("zvturnedspace"),
            description=_text("zvturnedspace"),
            kind=Space.Kind.OPEN,
        )
        where = {"place": "secret", "space_id": space.pk, "author_id": owner.pk}
        post = post_services.post_create(author=owner, space=space, body=_text("zvturnedpost"))
        self.add("turned post", "post", post, CONTENT, **where)
        page = wiki_services.page_create(
            space=space, author=owner, title=_title("zvturnedwiki"), body=_text("zvturnedwiki")
        )
        self.add("turned wiki", "wiki", page, CONTENT, suggest=True, **where)
        self._document("turned document", owner, space, CONTENT, where)
        space_services.space_update(
            space=space,
            actor=owner,
            name=space.name,
            description=space.description,
            kind=Space.Kind.SECRET,
        )
        self.add("turned space", "space", space, SPACE, place="secret", suggest=True)
        return space

    def _comments(self, place: str, owner: Person, post: Any, where: dict[str, Any]) -> None:
        comment = post_services.comment_create(
            post=post, author=owner, body=_text(f"zv{place}comment")
        )
        self.add(f"{place} comment", "comment", comment, CONTENT, **where)
        removed_comment = post_services.comment_create(
            post=post, author=owner, body=_text(f"zv{place}removedcomment")
        )
        post_services.comment_delete(comment=removed_comment, by=owner)
        self.add(f"{place} removedcomment", "comment", removed_comment, NOBODY, indexed=False)
        removed = post_services.post_create(
            author=owner, space=space_of(post), body=_text(f"zv{place}removedpost")
        )
        orphan = post_services.comment_create(
            post=removed, author=owner, body=_text(f"zv{place}orphancomment")
        )
        post_services.post_delete(post=removed, by=owner)
        self.add(f"{place} removedpost", "post", removed, NOBODY, indexed=False)
        # Its comment may keep its entry or not; the rule of comments leaves it out anyway.
        self.add(f"{place} orphancomment", "comment", orphan, NOBODY, indexed=None, **where)

    def _questions_and_polls(
        self, place: str, owner: Person, space: Space | None, where: dict[str, Any]
    ) -> None:
        rule = CONTENT if space is not None else EVERYONE
        prefix = place or "profile"
        question = question_services.question_ask(
            author=owner,
            title=f"Vraag zv{prefix}question",  # (without WORD, as the post above)
            body=_text(f"zv{prefix}question"),
            space=space,
        )
        self.add(f"{prefix} question", "post", question, rule, **where)
        answerer = owner if space is not None else PersonFactory()
        answer = question_services.answer_create(
            question=question, author=answerer, body=_text(f"zv{prefix}answer")
        )
        self.add(
            f"{prefix} answer", "comment", answer, rule, **(where | {"author_id": answerer.pk})
        )
        poll = poll_services.poll_create(
            author=owner,
            question=_title(f"zv{prefix}poll"),
            description=_text(f"zv{prefix}poll"),
            choices=["Ja", "Nee"],
            space=space,
        )
        self.add(f"{prefix} poll", "post", poll, rule, **where)

    def _document(
        self, label: str, by: Person, space: Space | None, rule: str, where: dict[str, Any]
    ) -> None:
        code = "zv" + label.replace(" ", "")
        document = document_services.document_create(
            by=by,
            space=space,
            folder=None,
            title=_title(code),
            description=_text(code),
            upload=upload("notulen.pdf"),
        )
        self.add(label, "document", document, rule, suggest=True, **where)

    def _event(
        self, label: str, by: Person, space: Space | None, rule: str, where: dict[str, Any]
    ) -> None:
        code = "zv" + label.replace(" ", "")
        starts = timezone.now() + timedelta(days=3)
        data = event_services.EventData(
            title=_title(code),
            description=_text(code),
            category=Event.Category.MEETING,
            location="Raadhuis, zaal 2",
            online_url="",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
        (event,) = event_services.event_create(creator=by, data=data, space=space)
        self.add(label, "event", event, rule, **where)

    def news(self, editor: Person, audiences: dict[str, Reach]) -> None:
        """News for everyone, planned, taken down, and aimed at audiences (label: reach); an
        announcement, a blog entry, and an organisation-wide document and event."""
        now = timezone.now()
        reaches = {
            "news": (Reach(), EVERYONE),
            "plannednews": (Reach(publish_at=now + timedelta(days=2)), UNPUBLISHED),
            "takendownnews": (
                Reach(publish_at=now - timedelta(days=2), hidden_after=now - timedelta(days=1)),
                UNPUBLISHED,
            ),
            **{
                label: (reach, EVERYONE if label.startswith("our") else UNPUBLISHED)
                for label, reach in audiences.items()
            },
        }
        for label, (reach, rule) in reaches.items():
            item = news_services.news_create(
                author=editor,
                title=_title(f"zv{label}"),
                lead="Kort.",
                body=_text(f"zv{label}"),
                reach=reach,
            )
            self.add(label, "post", item.post, rule, author_id=editor.pk)
        announcement = post_services.post_create(
            author=editor, body=_text("zvannouncement"), is_announcement=True
        )
        self.add("announcement", "post", announcement, EVERYONE, author_id=editor.pk)
        blog = blog_services.blog_entry_create(
            author=editor, title=_title("zvblog"), body=_text("zvblog")
        )
        self.add("blog", "post", blog, EVERYONE, author_id=editor.pk)
        where = {"author_id": editor.pk}
        self._document("organisation document", editor, None, EVERYONE, where)
        self._event("organisation event", editor, None, EVERYONE, where)

    def profile(self, colleague: Person, moderator: Person) -> None:
        where = {"author_id": colleague.pk}
        post = post_services.post_create(author=colleague, body=_text("zvprofilepost"))
        self.add("profile post", "post", post, EVERYONE, **where)
        self._questions_and_polls("", colleague, None, where)
        idea = idea_services.idea_create(
            author=colleague,
            title=_title("zvidea"),
            body=_text("zvidea"),
            topic=IdeaDetails.Topic.INTRANET,
        )
        self.add("idea", "post", idea, EVERYONE, **where)
        badge = Badge.objects.create(name="Matrixhulp", emoji="🦓")
        kudos = kudos_services.kudos_give(
            giver=colleague, recipient=moderator, badge=badge, message=_text("zvkudos")
        )
        self.add("kudos", "post", kudos, EVERYONE, **where)
        for label, removed in (("listing", False), ("removedlisting", True)):
            data = market_services.ListingData(
                kind=Listing.Kind.OFFER,
                title=_title(f"zv{label}"),
                category=Listing.Category.FURNITURE,
                description=_text(f"zv{label}"),
            )
            listing = market_services.listing_create(owner=colleague, data=data)
            if removed:
                market_services.listing_remove(actor=moderator, listing=listing)
            self.add(label, "listing", listing, NOBODY if removed else EVERYONE, **where)

    def people(self, administrator: Person) -> Person:
        """A colleague to find, one who left (no entry), and an author who left after posting
        (their post stays; their name is for administrators only). Returns the latter."""
        for label, leaves in (("person", False), ("goneperson", True)):
            code = f"zv{label}"
            person = people_services.person_create(
                first_name=WORD.capitalize(),
                last_name=code,
                email=f"{code}@example.org",
                job_title=_text(code),
            )
            if leaves:
                account_services.person_deactivate(person=person, actor=administrator)
            rule = NOBODY if leaves else EVERYONE
            self.add(label, "person", person, rule, indexed=not leaves, suggest=not leaves)
        gone = PersonFactory(first_name="Odilia", last_name="Zwartewaal")
        post = post_services.post_create(author=gone, body=_text("zvgoneauthorpost"))
        self.add("goneauthor post", "post", post, EVERYONE, author_id=gone.pk)
        account_services.person_deactivate(person=gone, actor=administrator)
        gone.refresh_from_db()
        return gone


def space_of(post: Any) -> Space:
    assert post.space is not None
    return post.space


def _viewers(
    spaces: dict[str, Space], department: Department, location: Location
) -> dict[tuple[str, str], Person]:
    """One person per role and relation, with that relation to each of the three spaces."""
    viewers = {}
    for role in ROLES:
        for relation in RELATIONS:
            viewer = PersonFactory(
                roles=[] if role == "employee" else [role],
                department=department,
                location=location,
            )
            if relation != "none":
                for space in spaces.values():
                    MembershipFactory(
                        space=space,
                        person=viewer,
                        state=Membership.State.MEMBER if relation in MEMBER else relation,
                        role=relation if relation in MEMBER else Membership.Role.MEMBER,
                    )
            viewers[role, relation] = viewer
    return viewers


def world_build() -> World:
    roles_sync()  # (a browser test's flush may have taken the role groups)
    builder = _Builder()
    owners = {place: PersonFactory() for place in PLACES}
    spaces = {place: builder.in_space(place, owners[place]) for place in PLACES}
    spaces["turned"] = builder.turned_secret(owners["secret"])
    municipality = DepartmentFactory(name="Gemeente")
    ours = DepartmentFactory(name="Burgerzaken", parent=municipality)
    here, there = LocationFactory(name="Stadhuis"), LocationFactory(name="Werf")
    editor = PersonFactory(roles=["editor"])
    audiences = {  # "our...": reaches the viewers (in Burgerzaken, at the Stadhuis)
        "ournews": Reach(departments=[municipality]),  # the department above theirs
        "theirnews": Reach(departments=[DepartmentFactory(name="Financiën")]),
        "ourplacenews": Reach(locations=[here]),
        "theirplacenews": Reach(locations=[there]),
    }
    builder.news(editor, audiences)
    colleague = PersonFactory()
    moderator = PersonFactory(roles=["community_manager"])
    builder.profile(colleague, moderator)
    administrator = PersonFactory(roles=["administrator"])
    gone = builder.people(administrator)
    viewers = _viewers(spaces, ours, here)
    authors = [*owners.values(), editor, colleague, gone]
    authors += list(Person.objects.filter(pk__in=[t.author_id for t in builder.things]))
    return World(
        things=builder.things,
        spaces=spaces,
        viewers=viewers,
        people={person.pk: person for person in authors},
        gone_author=gone,
    )
