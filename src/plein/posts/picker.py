"""The post picker: choose a post in a form, and the suggestions for it.

Without JavaScript a post is typed as its address (…/posts/12/) or number. picker.js (see
`plein.core.picker`) fills in "Title (/posts/12/)" from the suggestions of `posts_suggestions`
(posts:picker).

Suggestions and choices are limited to the posts the chooser may see
(posts.permissions.visible_posts): the form gives the field its user (`pickers_for`), so the
address of a hidden post is "not found", like a wrong one.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse, reverse_lazy
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from plein.core.picker import (
    MIN_QUERY,
    SUGGESTIONS,
    ChooserField,
    PickerInput,
    suggestions_response,
)
from plein.people.http import AuthenticatedHttpRequest
from plein.people.permissions import User

from .models import Post
from .permissions import visible_posts

POST_PATH = re.compile(r"/posts/(\d+)/?(?=$|[\s)#?])")


def post_choice(post: Post) -> str:
    """What the picker fills in for a post: "Title (/posts/12/)"."""
    return f"{post_label(post)} ({reverse('posts:detail', args=[post.pk])})"


def post_label(post: Post) -> str:
    return post.title or Truncator(" ".join(strip_tags(post.body_html).split())).chars(80)


def post_number_in(text: str) -> int | None:
    """12, …/posts/12/ or "Title (/posts/12/)": the post's number (the last address wins)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    found = POST_PATH.findall(text)
    return int(found[-1]) if found else None


class PostPickerField(ChooserField):
    """A post the chooser may see, by its address or number ("Title (/posts/12/)" too)."""

    user: User | None = None

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PickerInput(reverse_lazy("posts:picker")))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return post_choice(value) if isinstance(value, Post) else value

    def find(self, text: str) -> Post | None:
        if not text:
            return None
        number = post_number_in(text)
        posts = visible_posts(self.user) if self.user else Post.objects.none()
        found = posts.select_related("space").filter(pk=number).first() if number else None
        if found is None:
            raise forms.ValidationError(_("No post found at this address."), code="not_found")
        return found


@login_required
@require_safe
def posts_suggestions(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Posts the user may see whose title or text has every word typed (or with that number),
    newest first."""
    q = " ".join(request.GET.get("q", "").split())[:100]
    if len(q) < MIN_QUERY and not q.isdigit():
        return suggestions_response([])
    posts = visible_posts(request.user)
    if q.isdigit():
        posts = posts.filter(pk=int(q))
    for word in [] if q.isdigit() else q.split():
        posts = posts.filter(Q(title__icontains=word) | Q(body__icontains=word))
    found = posts.select_related("author", "space").order_by("-created_at", "-pk")[:SUGGESTIONS]
    return suggestions_response(
        [
            {
                "value": post_choice(post),
                "label": post_label(post),
                "detail": " · ".join(
                    part
                    for part in (post.author.full_name, post.space.name if post.space else "")
                    if part
                ),
            }
            for post in found
        ]
    )
