"""Post cards, written in Python.

A stream page shows fifteen cards. As Django templates each cost about a millisecond: some two
hundred template nodes, each a context lookup, a localisation and an escape. Written here a card
costs a tenth of that. Templates call these functions through `posts_tags`:
`{% post_card post %}` (post_card.html), `{% reaction_bar post %}` (reaction_bar.html) and
`{% comment_count post %}` (comment_count.html).

What every card on a page shares (the translated phrases, the CSRF field, the address to come
back to, the URL configuration, the time zone) is worked out once per request (`Page`). Values
are escaped as Django's autoescape escapes them (`html.escape`; stored HTML, sanitised on write,
as it is); translations, like `{% translate %}` in a template, are printed as they are. The part
particular to a kind of post (`kinds.card_template`) stays a template, rendered in the card's
context. The comment previews print what comment.html prints with `compact` (a test keeps the
two equal).

Nothing is cached across requests: a card is always written from the post as it is now, for the
person looking, in their language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import cache
from html import escape
from typing import Any
from urllib.parse import quote

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.http import HttpRequest
from django.template import Context, Engine
from django.template.base import Template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import filesizeformat, truncatechars
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone, localtime
from django.utils.translation import get_language, gettext, ngettext

from plein.core.paths import paths
from plein.people.avatars import avatar_html

from .models import Reaction

EMOJI: dict[str, str] = {
    Reaction.Kind.LIKE: "👍",
    Reaction.Kind.LOVE: "❤️",
    Reaction.Kind.CELEBRATE: "🎉",
    Reaction.Kind.INSIGHTFUL: "💡",
    Reaction.Kind.FUNNY: "😄",
}


@cache
def _phrases(language: str | None) -> dict[str, str]:
    """The words of a card in one language (`language` is the active one: the cache key)."""
    return {
        "in": gettext("in"),
        "edited": gettext("edited"),
        "announcement": gettext("Announcement"),
        "pinned": gettext("Pinned"),
        "removed": gettext("This post has been removed."),
        "moderators": gettext("Only moderators can still see it."),
        "restore_post": gettext("Restore post"),
        "comments": gettext("Comments"),
        "write": gettext("Write a comment"),
        "actions": gettext("Actions for this post"),
        "edit": gettext("Edit"),
        "versions": gettext("Earlier versions"),
        "unpin": gettext("Unpin"),
        "pin": gettext("Pin to the top of the space"),
        "unfollow": gettext("Stop following (no notifications about comments)"),
        "follow": gettext("Follow (be notified of comments)"),
        "unmute": gettext("Unmute"),
        "mute": gettext("Mute (never notify me about this post)"),
        "delete": gettext("Delete"),
        "restore": gettext("Restore"),
        "react": gettext("React to this post"),
        "no_reactions": gettext("No reactions yet"),
        **{f"kind:{kind}": escape(str(label)) for kind, label in Reaction.Kind.choices},
    }


def current_address(request: HttpRequest) -> str:
    """The address of the page being shown, to come back to after an action (for an htmx
    request, the page it was made from)."""
    here: str | None = getattr(request, "_plein_here", None)  # asked for once per request
    if here is None:
        htmx = getattr(request, "htmx", None)
        if htmx and htmx.current_url_abs_path:
            here = str(htmx.current_url_abs_path)
        else:
            here = request.get_full_path()
        request._plein_here = here  # type: ignore[attr-defined]
    return here


@dataclass
class Page:
    """What every card of one page shares."""

    language: str | None
    zone: tzinfo  # the time zone times are shown in
    secret: str | None  # the CSRF secret the field was made from
    phrases: dict[str, str]
    csrf: str  # the CSRF field of a form
    next_field: str  # <input name="next">: where an action returns to
    next_query: str  # the same, quoted for a link's query string
    path: Callable[..., str]
    templates: dict[str, Template] = field(default_factory=dict)

    def template(self, context: Context, name: str) -> Template:
        if name not in self.templates:
            engine = context.template.engine if context.template else Engine.get_default()
            self.templates[name] = engine.get_template(name)
        return self.templates[name]


def page_for(context: Context) -> Page:
    """The page's shared parts, made once per request (again should the language, the time zone
    or the CSRF secret change on the way)."""
    request: HttpRequest | None = context.get("request")
    token = str(context.get("csrf_token") or "")  # made, and the cookie set, on first use
    language, zone = get_language(), get_current_timezone()
    secret = request.META.get("CSRF_COOKIE") if request is not None else None
    page: Page | None = getattr(request, "_plein_cards", None)
    if page is None or (page.language, page.zone, page.secret) != (language, zone, secret):
        here = current_address(request) if request is not None else ""
        page = Page(
            language=language,
            zone=zone,
            secret=secret,
            phrases=_phrases(language),
            csrf=_csrf_field(token),
            next_field=f'<input type="hidden" name="next" value="{escape(here)}">',
            next_query=escape(quote(here, safe="/")),
            path=paths(),
        )
        if request is not None:
            request._plein_cards = page  # type: ignore[attr-defined]
    return page


def _csrf_field(token: str) -> str:
    """What {% csrf_token %} prints."""
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's word for "no token"
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'


def time_html(moment: datetime, page: Page) -> str:
    """<time> with the moment in words ("3 hours ago"), and in full as its title."""
    local = localtime(moment, page.zone)
    return (
        f'<time datetime="{local.isoformat()}"'
        f' title="{escape(date_filter(local, "DATETIME_FORMAT"))}">'
        f"{escape(str(naturaltime(moment)))}</time>"
    )


def card_html(context: Context, post: Any) -> SafeString:
    """A post's card: post_card.html. Reads `heading_level` (2 unless set) and `detail` (the
    post's own page: no comment previews) from the context."""
    page = page_for(context)
    pk = post.pk
    url = escape(post.get_absolute_url())
    level = escape(str(context.get("heading_level") or 2))
    removed = " post-card--removed" if post.is_deleted else ""
    parts = [
        f'<article class="post-card card{removed}" id="post-{pk}"'
        f' aria-labelledby="post-{pk}-heading">\n',
        _header(post, page, level, url),
        _removed(post, page) if post.is_deleted else "",
        _body(context, post, page),
        _images(post, page) if getattr(post, "image_list", None) else "",
        _attachments(post) if getattr(post, "attachment_list", None) else "",
        _link_preview(post) if post.link_title else "",
        reaction_bar_html(context, post, page),
        "" if context.get("detail") else _comments(post, page, url),
        "\n</article>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


def _header(post: Any, page: Page, level: str, url: str) -> str:
    p, pk, author, space = page.phrases, post.pk, post.author, post.space
    where = ""
    if space:
        where = (
            f'\n<span class="post-card__in"><span class="visually-hidden">{p["in"]}</span>'
            f'<span aria-hidden="true">›</span> '  # noqa: RUF001
            f'<a href="{escape(space.get_absolute_url())}">'
            f"{escape(space.name)}</a></span>"
        )
    edited = ""
    if post.edited_at:
        edited = (
            f'\n· <a href="{escape(page.path("posts:history", pk))}" class="post-card__edited"'
            f' id="post-{pk}-edited">{p["edited"]}</a>'
        )
    badges = ""
    if post.is_announcement:
        badges += f'<li><span class="tag tag--announcement">{p["announcement"]}</span></li>'
    if post.pinned_at:
        badges += (
            '\n<li><span class="tag tag--pinned"><span aria-hidden="true">📌</span>'
            f" {p['pinned']}</span></li>"
        )
    heading = (
        f'<h{level} class="post-card__heading" id="post-{pk}-heading">\n'
        f'<a href="{escape(author.get_absolute_url())}">{escape(author.full_name)}</a>{where}'
        f"\n</h{level}>"
    )
    when = (
        f'<p class="post-card__when muted">\n<a href="{url}" id="post-{pk}-permalink">'
        f"{time_html(post.created_at, page)}</a>{edited}\n</p>"
    )
    return (
        f'<header class="post-card__header">\n{avatar_html(author, "small", "")}\n'
        f'<div class="post-card__who">\n{heading}\n{when}\n</div>\n'
        f'<ul class="post-card__badges tags">\n{badges}\n</ul>\n{_menu(post, page)}\n</header>\n'
    )


def _form(page: Page, action: str, inside: str, attributes: str = "") -> str:
    """A POST form that returns to this page."""
    return (
        f'<form method="post" action="{escape(action)}"{attributes}>{page.csrf}\n'
        f"{page.next_field}\n{inside}\n</form>"
    )


def _removed(post: Any, page: Page) -> str:
    p, pk = page.phrases, post.pk
    restore = ""
    if getattr(post, "can_restore", False):
        button = (
            f'<button type="submit" class="button button--small" id="post-{pk}-restore">'
            f"{p['restore_post']}</button>"
        )
        restore = "\n" + _form(page, page.path("posts:restore", pk), button)
    return (
        f'\n<div class="post-card__removed" role="note">\n<p><strong>{p["removed"]}</strong>\n'
        f"{p['moderators']}</p>{restore}\n</div>\n"
    )


def _menu(post: Any, page: Page) -> str:
    """The ⋯ menu: what this person may do with this post."""
    can_edit, can_delete = getattr(post, "can_edit", False), getattr(post, "can_delete", False)
    can_restore, can_pin = getattr(post, "can_restore", False), getattr(post, "can_pin", False)
    deleted = post.is_deleted
    if not (can_edit or can_delete or can_restore or can_pin or not deleted):
        return ""
    p, pk, path = page.phrases, post.pk, page.path
    items = []
    if can_edit:
        edit = path(getattr(post, "edit_url_name", "") or "posts:edit", pk)
        items.append(f'<a href="{escape(edit)}" id="post-{pk}-edit">{p["edit"]}</a>')
    if post.edited_at:
        items.append(f'<a href="{escape(path("posts:history", pk))}">{p["versions"]}</a>')
    if can_pin:
        pinned, suffix, text = (
            ("0", "unpin", p["unpin"]) if post.pinned_at else ("1", "pin", p["pin"])
        )
        field = f'<input type="hidden" name="pinned" value="{pinned}">'
        items.append(_form(page, path("posts:pin", pk), field + _button(pk, suffix, text)))
    if not deleted:
        items.append(_follow_form(post, page))
    if can_delete:
        delete = escape(path("posts:delete", pk))
        items.append(
            f'<a href="{delete}?next={page.next_query}" id="post-{pk}-delete"'
            f' class="post-menu__danger">{p["delete"]}</a>'
        )
    if can_restore:
        button = f'<button type="submit" class="link-button">{p["restore"]}</button>'
        items.append(_form(page, path("posts:restore", pk), button))
    listed = "\n".join(f"<li>{item}</li>" for item in items)
    return (
        f'<details class="post-menu" id="post-{pk}-menu">\n<summary class="button'
        f' button--secondary button--small"><span aria-hidden="true">⋯</span>'
        f'<span class="visually-hidden">{p["actions"]}</span></summary>\n'
        f'<ul class="post-menu__list">\n{listed}\n</ul>\n</details>'
    )


def _button(pk: int, suffix: str, text: str, attributes: str = "") -> str:
    return (
        f'<button type="submit"{attributes} class="link-button" id="post-{pk}-{suffix}">'
        f"{text}</button>"
    )


def _follow_form(post: Any, page: Page) -> str:
    p, pk, state = page.phrases, post.pk, getattr(post, "follow_state", None)
    if state == "following":
        follow = _button(pk, "unfollow", p["unfollow"], ' name="state" value="none"')
    else:
        follow = _button(pk, "follow", p["follow"], ' name="state" value="following"')
    if state == "muted":
        mute = _button(pk, "unmute", p["unmute"], ' name="state" value="none"')
    else:
        mute = _button(pk, "mute", p["mute"], ' name="state" value="muted"')
    action = page.path("posts:follow_post", pk)
    return _form(page, action, f"{follow}\n{mute}", ' class="post-menu__follow"')


def _body(context: Context, post: Any, page: Page) -> str:
    name = getattr(post, "card_template", "")
    if name:  # a kind of post with a card of its own (news, kudos...)
        return "\n" + page.template(context, name).render(context) + "\n"
    return f'\n<div class="post-card__body prose">{post.body_html}</div>\n'


def _images(post: Any, page: Page) -> str:
    pk, images = post.pk, post.image_list
    items = "".join(
        f'\n<li><a href="{escape(page.path("posts:image", pk, image.pk, "large"))}">'
        f'<img src="{escape(page.path("posts:image", pk, image.pk, "thumb"))}"'
        f' alt="{escape(image.alt_text)}" loading="lazy"></a></li>'
        for image in images
    )
    return f'\n<ul class="post-card__images post-card__images--{len(images)}">{items}\n</ul>\n'


def _attachments(post: Any) -> str:
    items = "".join(
        f'\n<li><a href="{escape(attachment.get_absolute_url())}" download>'
        f'<span aria-hidden="true">📎</span> {escape(attachment.name)}</a>'
        f' <span class="muted">({escape(str(filesizeformat(attachment.size)))})</span></li>'
        for attachment in post.attachment_list
    )
    return f'\n<ul class="post-card__files">{items}\n</ul>\n'


def _link_preview(post: Any) -> str:
    description = ""
    if post.link_description:
        description = (
            f'\n<span class="link-preview__description">{escape(post.link_description)}</span>'
        )
    return (
        f'\n<a class="link-preview" href="{escape(post.link_url)}"'
        f' rel="noopener noreferrer nofollow">\n<span class="link-preview__title">'
        f"{escape(post.link_title)}</span>{description}\n"
        f'<span class="link-preview__host muted">{escape(truncatechars(post.link_url, 80))}</span>'
        "\n</a>\n"
    )


def reaction_bar_html(context: Context, post: Any, page: Page | None = None) -> SafeString:
    """The reaction buttons (for those who may react) and how many reacted: reaction_bar.html,
    also what a reaction sent with htmx gets back."""
    page = page or page_for(context)
    p, pk = page.phrases, post.pk
    form = ""
    if getattr(post, "can_respond", False):
        react = escape(page.path("posts:react", pk))
        form = (
            f'\n<form method="post" action="{react}" class="reaction-bar__form"\n'
            f'hx-post="{react}" hx-target="#post-{pk}-reactions" hx-swap="outerHTML">{page.csrf}'
            f'\n{page.next_field}\n<fieldset class="reaction-bar__choices">\n'
            f'<legend class="visually-hidden">{p["react"]}</legend>\n{_buttons(post, page)}'
            "\n</fieldset>\n</form>"
        )
    count = post.reaction_count
    if count:
        words = ngettext(
            "%(counter)s reaction – who reacted?",  # noqa: RUF001 - the msgid as it is
            "%(counter)s reactions – who reacted?",  # noqa: RUF001
            count,
        ) % {"counter": count}
        who = escape(page.path("posts:reactions", pk))
        total = f'<a href="{who}" id="post-{pk}-who-reacted">{words}</a>'
    else:
        total = f'<span class="muted">{p["no_reactions"]}</span>'
    return mark_safe(  # noqa: S308 (escaped above)
        f'\n<div class="reaction-bar" id="post-{pk}-reactions">{form}\n'
        f'<p class="reaction-bar__total" aria-live="polite">\n{total}\n</p>\n</div>\n'
    )


_COUNT = ' <span class="reaction__count">{}</span>'


def _buttons(post: Any, page: Page) -> str:
    """One button per kind of reaction, with how many chose it and whether you did."""
    pk, mine = post.pk, getattr(post, "my_reaction", None)
    counts = dict(getattr(post, "reaction_summary", None) or [])
    buttons = []
    for kind, _label in Reaction.Kind.choices:
        label, emoji, count = page.phrases[f"kind:{kind}"], EMOJI[kind], counts.get(kind, 0)
        buttons.append(
            f'<button type="submit" name="kind" value="{kind}" class="reaction"'
            f' aria-pressed="{"true" if kind == mine else "false"}" id="post-{pk}-react-{kind}"'
            f' title="{label}"><span aria-hidden="true">{emoji}</span>'
            f'<span class="visually-hidden">{label}</span>'
            f"{_COUNT.format(count) if count else ''}</button>"
        )
    return "\n".join(buttons)


def comment_count_html(post: Any, oob: bool = False) -> SafeString:
    """How many comments, linking to them: comment_count.html (with `oob` it replaces the one
    on the card after a comment is sent with htmx)."""
    pk, count, link = post.pk, post.comment_count, ""
    if count:
        words = ngettext("%(counter)s comment", "%(counter)s comments", count) % {"counter": count}
        url = escape(post.get_absolute_url())
        link = f'<a href="{url}#comments" id="post-{pk}-comments-link">{words}</a>'
    swap = ' hx-swap-oob="true"' if oob else ""
    return mark_safe(  # noqa: S308 (escaped above)
        f'<p class="post-card__comment-count" id="post-{pk}-comment-count"{swap}>{link}</p>'
    )


def _comments(post: Any, page: Page, url: str) -> str:
    """The comment count, the latest comments and the link to write one."""
    pk = post.pk
    comments = "".join(comment_preview_html(c, page) for c in getattr(post, "latest_comments", ()))
    write = ""
    if getattr(post, "can_respond", False):
        form = escape(page.path("posts:comment_form", pk))
        write = (
            f'\n<p class="post-card__comment-open"><a class="button button--secondary'
            f' button--small" id="post-{pk}-comment-open" href="{url}#post-{pk}-comment-new"'
            f' hx-get="{form}" hx-target="closest p" hx-swap="outerHTML">'
            f"{page.phrases['write']}</a></p>"
        )
    return (
        f'\n<section class="post-card__comments" aria-label="{page.phrases["comments"]}">\n'
        f"{comment_count_html(post)}\n"
        f'<ol class="comment-list" id="post-{pk}-comment-list">{comments}</ol>'
        f"{write}\n</section>"
    )


def comment_preview_html(comment: Any, page: Page) -> str:
    """A comment as a card shows it: what comment.html prints with `compact` (the same markup,
    kept equal by a test), without the reactions, actions and replies of the post's page."""
    author = comment.author
    edited = f" · {page.phrases['edited']}" if comment.edited_at else ""
    return (
        f'<li class="comment" id="comment-{comment.pk}">\n<div class="comment__main">\n'
        f'{avatar_html(author, "small", "")}\n<div class="comment__content">\n'
        f'<p class="comment__meta"><a href="{escape(author.get_absolute_url())}"'
        f' class="comment__author">{escape(author.full_name)}</a>\n'
        f'<span class="muted">{time_html(comment.created_at, page)}{edited}</span></p>\n'
        f'<div class="comment__body prose">{comment.body_html}</div>\n</div>\n</div>\n</li>'
    )
