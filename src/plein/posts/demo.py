"""The demo step for posts: six weeks of conversation at Gemeente Voorbeeld.

Posts in the spaces the spaces step made (only by their members), posts on people's profiles and
a few announcements by the editor; comments with replies, reactions, @mentions and #hashtags;
people following each other; a pinned welcome post in the coffee corner and one post with an
earlier version. Newer weeks are busier than older ones. The texts are in
plein.posts.demo_data.

Everything is written in bulk. Texts are rendered by plein.posts.markup with a resolver built
from the people in memory (and the same text is rendered once), so 10,000 people take seconds.
Notifications are not made for all this history: only a handful of unread ones for the demo
accounts, so that the bell shows something on first login.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.management.base import OutputWrapper
from django.utils import timezone
from faker import Faker

from plein.notifications.models import Notification
from plein.people.models import Person
from plein.people.roles import COMMUNITY_MANAGER, EDITOR
from plein.spaces.models import Membership, Space

from . import markup
from .counters import post_counters_refresh
from .demo_data import (
    ANNOUNCEMENTS,
    CLOSINGS,
    COFFEE_POSTS,
    COMMENTS,
    DAYS,
    DEPARTMENT_POSTS,
    EDITED_FROM,
    EDITED_TO,
    GENERIC_REPLIES,
    GENERIC_SPACE_POSTS,
    GROUP_POSTS,
    HASHTAGS,
    MENTION_SENTENCES,
    PINNED_POST,
    PROFILE_POSTS,
    REACTION_KINDS,
    REACTION_WEIGHTS,
    ROOMS,
    TIMES,
)
from .models import (
    Comment,
    Hashtag,
    PersonFollow,
    Post,
    PostFollow,
    PostRevision,
    Reaction,
)

BATCH_SIZE = 1000
WEEKS = 6
POSTS_PER_PERSON = 3
MAX_POSTS = 9000  # a big organisation gets a busy intranet, not an endless one
DEMO_LOGINS = (
    "beheer@example.org",
    "redactie@example.org",
    "manager@example.org",
    "ambassadeur@example.org",
    "medewerker@example.org",
)


# --- Planning -----------------------------------------------------------------------------------


@dataclass
class _Place:
    space: Space | None
    members: list[int]  # who may read and write here (everyone for profile posts)
    texts: Sequence[str]
    weight: float
    member_set: set[int] = field(init=False)

    def __post_init__(self) -> None:
        self.member_set = set(self.members)


@dataclass
class _Renderer:
    """Markdown to HTML with mentions resolved against the people in memory, each text once."""

    people_by_local: dict[str, int]
    done: dict[str, markup.Rendered] = field(default_factory=dict)

    def __call__(self, text: str) -> tuple[markup.Rendered, list[int]]:
        rendered = self.done.get(text)
        if rendered is None:
            rendered = markup.render(text, self.resolve)
            self.done[text] = rendered
        return rendered, [self.people_by_local[m.lower()] for m in rendered.mentions]

    def resolve(self, name: str) -> bool:
        return name.lower() in self.people_by_local


def _moment(rng: random.Random, now: datetime) -> datetime:
    """A working moment (a weekday, office hours in the organisation's time zone) in the last
    six weeks, recent days more likely than older ones."""
    days = int(WEEKS * 7 * rng.random() ** 1.7)
    day = timezone.localtime(now) - timedelta(days=days)
    if day.weekday() >= 5:
        # Weekends are quiet: move to the Friday before, or to the Monday after when that
        # Friday is more than six weeks ago.
        back = day.weekday() - 4
        day += timedelta(days=-back if days + back < WEEKS * 7 else 7 - day.weekday())
    moment = day.replace(
        hour=rng.randint(7, 17), minute=rng.randrange(60), second=rng.randrange(60), microsecond=0
    )
    return moment if moment < now else now - timedelta(minutes=rng.randint(5, 600))


def _later(rng: random.Random, after: datetime, now: datetime) -> datetime:
    moment = after + timedelta(minutes=rng.randint(3, 2 * 24 * 60))
    return min(moment, now - timedelta(seconds=rng.randint(1, 300)))


def _fill(rng: random.Random, template: str, first: str, who: str = "") -> str:
    return template.format(
        day=rng.choice(DAYS), time=rng.choice(TIMES), room=rng.choice(ROOMS), first=first, who=who
    )


def _places(person_ids: list[int]) -> list[_Place]:
    members: dict[int, list[int]] = defaultdict(list)
    for space_id, person_id in (
        Membership.objects.filter(state=Membership.State.MEMBER, person__is_active=True)
        .order_by("space_id", "person_id")
        .values_list("space_id", "person_id")
    ):
        members[space_id].append(person_id)
    places = [_Place(None, person_ids, PROFILE_POSTS, 20)]
    for space in Space.objects.order_by("pk"):
        if not members[space.pk]:
            continue
        texts: Sequence[str]
        if space.is_default_for_everyone:
            texts, weight = COFFEE_POSTS, 30.0
        elif space.default_departments.exists():
            texts, weight = DEPARTMENT_POSTS, 3.0
        else:
            texts = GROUP_POSTS.get(space.slug, GENERIC_SPACE_POSTS)
            weight = 3.0 if space.slug in GROUP_POSTS else 1.0
        places.append(_Place(space, members[space.pk], texts, weight))
    return places


def _role_holder(logins: dict[str, int], email: str, role: str) -> int | None:
    if email in logins:
        return logins[email]
    group = Group.objects.filter(name=role).first()
    if group is None:
        return None
    return group.user_set.filter(is_active=True).order_by("pk").values_list("pk", flat=True).first()


# --- The step -----------------------------------------------------------------------------------


@dataclass
class _Demo:
    """What the step works with: the people, the places to post in and the posts so far."""

    rng: random.Random
    now: datetime
    person_ids: list[int]
    first_names: dict[int, str]
    local_of: dict[int, str]  # person id -> the local part of their e-mail address
    logins: dict[str, int]  # the demo accounts there are: e-mail -> person id
    render: _Renderer
    places: list[_Place]
    posts: list[Post] = field(default_factory=list)
    post_places: list[_Place] = field(default_factory=list)

    def add(self, place: _Place, author: int, body: str, **extra: object) -> Post:
        post = Post(author_id=author, space=place.space, body=body, **extra)
        self.posts.append(post)
        self.post_places.append(place)
        return post


def posts_step(*, rng: random.Random, fake: Faker, people: int, stdout: OutputWrapper) -> None:
    """About three posts per person over six weeks, with comments, reactions and follows."""
    if Post.objects.exists():
        stdout.write("  posts: kept as they were")
        return
    rows = list(
        Person.objects.filter(is_active=True)
        .order_by("pk")
        .values_list("pk", "email", "first_name")
    )
    if not rows:
        stdout.write("  posts: none (no people)")
        return
    demo = _demo_for(rng, rows)
    _add_pinned_and_announcements(demo)
    _add_stream(demo)
    edited, edited_at = _edit_one(demo)
    mention_rows, tag_rows = _render_posts(demo)
    _save_posts(demo, edited, edited_at)
    names = _save_hashtags_and_mentions(demo.posts, mention_rows, tag_rows)

    comments, comment_places, follows = _add_comments(demo)
    _save_comments(demo, comments)
    reactions = _add_reactions(demo, comments, comment_places)
    post_counters_refresh(post_ids=[post.pk for post in demo.posts])
    PostFollow.objects.bulk_create(
        [PostFollow(person_id=person, post_id=post) for person, post in sorted(follows)],
        batch_size=BATCH_SIZE,
    )
    person_follows = _add_person_follows(demo)

    made = _login_notifications(demo.logins, demo.posts, demo.post_places, comments, mention_rows)
    stdout.write(
        f"  posts: {len(demo.posts)} posts, {len(comments)} comments, {len(reactions)} "
        f"reactions, {len(names)} hashtags, {len(person_follows)} follows, {made} notifications"
    )


def _demo_for(rng: random.Random, rows: list[tuple[int, str, str]]) -> _Demo:
    """The people (pk, e-mail, first name) and the places they post in, none posted yet."""
    person_ids = [pk for pk, _email, _first in rows]
    by_local: dict[str, int] = {}
    for pk, email, _first in rows:
        by_local.setdefault(email.rsplit("@", 1)[0].lower(), pk)
    return _Demo(
        rng=rng,
        now=timezone.now(),
        person_ids=person_ids,
        first_names={pk: first for pk, _email, first in rows},
        local_of={pk: local for local, pk in by_local.items()},
        logins={email: pk for pk, email, _first in rows if email in DEMO_LOGINS},
        render=_Renderer(by_local),
        places=_places(person_ids),
    )


def _add_pinned_and_announcements(demo: _Demo) -> None:
    """The pinned welcome in the coffee corner, by its owner, and the editor's announcements."""
    now = demo.now
    coffee = next((p for p in demo.places if p.space and p.space.is_default_for_everyone), None)
    if coffee is not None and coffee.space is not None:
        owner = (
            Membership.objects.filter(space=coffee.space, role=Membership.Role.OWNER)
            .order_by("pk")
            .values_list("person_id", flat=True)
            .first()
        ) or coffee.members[0]
        moment = now - timedelta(days=WEEKS * 7 - 1, hours=3)
        demo.add(coffee, owner, PINNED_POST, created_at=moment, pinned_at=moment)
    editor = _role_holder(demo.logins, "redactie@example.org", EDITOR.key) or _role_holder(
        demo.logins, "beheer@example.org", COMMUNITY_MANAGER.key
    )
    everyone = demo.places[0]
    if editor is not None:
        for days, text in zip((WEEKS * 7 - 2, 16, 3), ANNOUNCEMENTS, strict=True):
            body = text.format(editor=demo.local_of.get(editor, ""))
            created_at = now - timedelta(days=days)
            demo.add(everyone, editor, body, is_announcement=True, created_at=created_at)


def _add_stream(demo: _Demo) -> None:
    """The stream: authors are members of the place they post in."""
    rng, places = demo.rng, demo.places
    weights = [place.weight for place in places]
    total = min(POSTS_PER_PERSON * len(demo.person_ids), MAX_POSTS)
    login_ids = list(demo.logins.values())
    for number in range(total):
        place = rng.choices(places, weights)[0]
        # The demo accounts write a little more than most, so their profiles are not empty.
        author = (
            login_ids[number // 7 % len(login_ids)]
            if login_ids and number % 7 == 0 and number < 7 * 3 * len(login_ids)
            else rng.choice(place.members)
        )
        if place.space is not None and author not in place.member_set:
            author = rng.choice(place.members)
        body = _stream_body(demo, place, author)
        demo.add(place, author, body, created_at=_moment(rng, demo.now))


def _stream_body(demo: _Demo, place: _Place, author: int) -> str:
    """A text for the place, sometimes with a closing, a mention or hashtags."""
    rng = demo.rng
    body = _fill(rng, rng.choice(place.texts), demo.first_names[author])
    if rng.random() < 0.2:
        body += " " + _fill(rng, rng.choice(CLOSINGS), demo.first_names[author])
    if rng.random() < 0.25:
        who = rng.choice(place.members)
        if who != author and who in demo.local_of:
            body += " " + _fill(rng, rng.choice(MENTION_SENTENCES), "", demo.local_of[who])
    if rng.random() < 0.35:
        tags = rng.sample(HASHTAGS, rng.choice((1, 1, 2)))
        body += "\n\n" + " ".join(f"#{tag}" for tag in tags)
    return body


def _edit_one(demo: _Demo) -> tuple[Post | None, datetime]:
    """One post was edited: the post and when (its earlier text becomes a revision on saving)."""
    edited = next((p for p in demo.posts if p.space is not None and not p.pinned_at), None)
    edited_at = demo.now
    if edited is not None:
        edited.body = EDITED_TO
        edited.edited_at = edited_at = min(edited.created_at + timedelta(hours=2), demo.now)
    return edited, edited_at


def _render_posts(demo: _Demo) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Render every post; return its mentions (post index, person id) and hashtags (index, name)."""
    mention_rows: list[tuple[int, int]] = []
    tag_rows: list[tuple[int, str]] = []
    for index, post in enumerate(demo.posts):
        rendered, mentioned = demo.render(post.body)
        post.body_html = rendered.html
        mention_rows += [(index, pk) for pk in mentioned if pk != post.author_id]
        tag_rows += [(index, name) for name in rendered.hashtags]
    return mention_rows, tag_rows


def _save_posts(demo: _Demo, edited: Post | None, edited_at: datetime) -> None:
    """Write the posts (with their ids afterwards) and the edited post's earlier version."""
    posts = demo.posts
    Post.objects.bulk_create(posts, batch_size=BATCH_SIZE)
    if posts[0].pk is None:  # a database that cannot return ids from a bulk insert
        ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
        for post, pk in zip(posts, ids, strict=True):
            post.pk = post.id = pk
    if edited is not None:
        PostRevision.objects.create(
            post=edited,
            body=EDITED_FROM,
            written_at=edited.created_at,
            replaced_by_id=edited.author_id,
            replaced_at=edited_at,
        )


def _save_hashtags_and_mentions(
    posts: list[Post], mention_rows: list[tuple[int, int]], tag_rows: list[tuple[int, str]]
) -> list[str]:
    """Write the hashtags and the posts' links to them and to the people mentioned; return the
    hashtag names."""
    names = sorted({name for _index, name in tag_rows})
    Hashtag.objects.bulk_create([Hashtag(name=n) for n in names], ignore_conflicts=True)
    tag_ids = dict(Hashtag.objects.filter(name__in=names).values_list("name", "pk"))
    Post.hashtags.through.objects.bulk_create(
        [Post.hashtags.through(post_id=posts[i].pk, hashtag_id=tag_ids[n]) for i, n in tag_rows],
        batch_size=BATCH_SIZE,
    )
    Post.mentioned_people.through.objects.bulk_create(
        [
            Post.mentioned_people.through(post_id=posts[i].pk, person_id=pk)
            for i, pk in mention_rows
        ],
        batch_size=BATCH_SIZE,
    )
    return names


def _add_comments(
    demo: _Demo,
) -> tuple[list[Comment], list[_Place], set[tuple[int, int]]]:
    """Comments (some with replies) on every post, not saved yet; return them, the place of each,
    and who follows which post (authors of the post or of a comment on it)."""
    comments: list[Comment] = []
    comment_places: list[_Place] = []
    follows: set[tuple[int, int]] = {(post.author_id, post.pk) for post in demo.posts}
    for post, place in zip(demo.posts, demo.post_places, strict=True):
        for comment in _comments_on(demo, post, place):
            comments.append(comment)
            comment_places.append(place)
            follows.add((comment.author_id, post.pk))
    return comments, comment_places, follows


def _comments_on(demo: _Demo, post: Post, place: _Place) -> list[Comment]:
    """A few comments on one post by members of its place; some reply to an earlier one."""
    rng = demo.rng
    count = min(int(rng.expovariate(1 / 1.8)), 8)
    top: list[tuple[Comment, tuple[str, ...]]] = []
    made: list[Comment] = []
    for _ in range(count):
        author = rng.choice(place.members)
        parent, replies = rng.choice(top) if top and rng.random() < 0.3 else (None, ())
        if parent is not None:
            template = rng.choice(replies or GENERIC_REPLIES)
        else:
            template, replies = rng.choice(COMMENTS)
        after = parent.created_at if parent is not None else post.created_at
        body = _fill(rng, template, demo.first_names[author])
        addressed = parent.author_id if parent is not None else post.author_id
        if addressed != author and addressed in demo.local_of and rng.random() < 0.15:
            body = f"@{demo.local_of[addressed]} {body}"
        comment = Comment(
            post=post,
            parent=parent,
            author_id=author,
            body=body,
            created_at=_later(rng, after, demo.now),
        )
        if parent is None:
            top.append((comment, replies))
        made.append(comment)
    return made


def _save_comments(demo: _Demo, comments: list[Comment]) -> None:
    """Render and write the comments and their mentions."""
    comment_mentions: list[tuple[Comment, int]] = []
    for comment in comments:
        rendered, mentioned = demo.render(comment.body)
        comment.body_html = rendered.html
        comment_mentions += [(comment, pk) for pk in mentioned]
    # Top-level comments first, so that replies can point at their ids.
    Comment.objects.bulk_create([c for c in comments if c.parent is None], batch_size=BATCH_SIZE)
    for comment in comments:
        if comment.parent is not None:
            comment.parent_id = comment.parent.pk
    Comment.objects.bulk_create(
        [c for c in comments if c.parent is not None], batch_size=BATCH_SIZE
    )

    Comment.mentioned_people.through.objects.bulk_create(
        [
            Comment.mentioned_people.through(comment_id=c.pk, person_id=pk)
            for c, pk in comment_mentions
        ],
        batch_size=BATCH_SIZE,
    )


def _add_reactions(
    demo: _Demo, comments: list[Comment], comment_places: list[_Place]
) -> list[Reaction]:
    """Reactions to posts and to some comments, by members of the place; written."""
    rng = demo.rng
    reactions: list[Reaction] = []
    for post, place in zip(demo.posts, demo.post_places, strict=True):
        count = min(int(rng.expovariate(1 / 3.5)), len(place.members))
        for person in rng.sample(place.members, count):
            reactions.append(
                Reaction(
                    person_id=person,
                    post=post,
                    kind=rng.choices(REACTION_KINDS, REACTION_WEIGHTS)[0],
                    created_at=_later(rng, post.created_at, demo.now),
                )
            )
    for comment, place in zip(comments, comment_places, strict=True):
        if rng.random() < 0.3:
            count = min(rng.randint(1, 3), len(place.members))
            for person in rng.sample(place.members, count):
                reactions.append(
                    Reaction(
                        person_id=person,
                        comment=comment,
                        kind=rng.choices(REACTION_KINDS, REACTION_WEIGHTS)[0],
                        created_at=_later(rng, comment.created_at, demo.now),
                    )
                )
    Reaction.objects.bulk_create(reactions, batch_size=BATCH_SIZE)
    return reactions


def _add_person_follows(demo: _Demo) -> set[tuple[int, int]]:
    """Who follows whom: a few colleagues each, and the demo accounts follow each other."""
    rng, person_ids = demo.rng, demo.person_ids
    person_follows: set[tuple[int, int]] = set()
    for person in person_ids:
        for followed in rng.sample(person_ids, min(rng.randint(0, 4), len(person_ids))):
            if followed != person:
                person_follows.add((person, followed))
    login_ids = list(demo.logins.values())
    for a in login_ids:
        person_follows.update((a, b) for b in login_ids if a != b)
    PersonFollow.objects.bulk_create(
        [PersonFollow(follower_id=a, followed_id=b) for a, b in sorted(person_follows)],
        batch_size=BATCH_SIZE,
    )
    return person_follows


def _login_notifications(
    logins: dict[str, int],
    posts: list[Post],
    places: list[_Place],
    comments: list[Comment],
    mention_rows: list[tuple[int, int]],
) -> int:
    """A few unread notifications for each demo account: the newest comments on their posts and
    mentions of them, in places they can read."""
    login_ids = set(logins.values())
    found: dict[int, list[Notification]] = defaultdict(list)
    for index, person in mention_rows:
        post = posts[index]
        if person in login_ids and (
            places[index].space is None or person in places[index].member_set
        ):
            found[person].append(
                Notification(
                    recipient_id=person,
                    actor_id=post.author_id,
                    kind=Notification.Kind.MENTION,
                    post=post,
                    space_id=post.space_id,
                    created_at=post.created_at,
                )
            )
    for comment in comments:
        owner = comment.post.author_id
        if owner in login_ids and comment.author_id != owner and comment.parent is None:
            found[owner].append(
                Notification(
                    recipient_id=owner,
                    actor_id=comment.author_id,
                    kind=Notification.Kind.COMMENT,
                    post=comment.post,
                    comment=comment,
                    space_id=comment.post.space_id,
                    created_at=comment.created_at,
                )
            )
    rows = [
        n
        for person in sorted(found)
        for n in sorted(found[person], key=lambda n: n.created_at, reverse=True)[:4]
    ]
    Notification.objects.bulk_create(rows)
    return len(rows)
