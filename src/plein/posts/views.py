"""Post pages and actions: write, read, react, comment, follow, download.

Every action works as a plain form POST that redirects back (to a safe `next`); htmx requests
get the partial that changed instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from plein.core.files import stored_image_response
from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.core.ratelimit import limited
from plein.core.redirects import redirect_next, safe_next_url
from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Person
from plein.spaces.models import Space
from plein.spaces.selectors import space_get

from . import permissions, selectors, services
from .forms import (
    CommentForm,
    FollowPostForm,
    PostEditForm,
    PostForm,
    PreviewForm,
    ReactionForm,
)
from .models import Attachment, Comment, Post, PostImage, Reaction

# Types an attachment may be sent as; anything else is sent as application/octet-stream. Every
# attachment is sent as a download (Content-Disposition: attachment) inside a sandbox, so not even
# these are ever shown by the browser as a page of the intranet.
SAFE_DOWNLOAD_TYPES = frozenset(
    {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"}
)
IMAGE_SIZES = {"thumb": "thumbnail", "large": "image"}


# -- helpers ----------------------------------------------------------------------------------


def _post_or_404(request: AuthenticatedHttpRequest, pk: int) -> Post:
    post = selectors.post_get(request.user, pk)
    if post is None:
        raise Http404
    return post


def _is_htmx(request: AuthenticatedHttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _hx_redirect(url: str) -> HttpResponse:
    response = HttpResponse(status=204)
    response["HX-Redirect"] = url
    return response


def _say_errors(request: AuthenticatedHttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _space_from(request: AuthenticatedHttpRequest, value: str) -> Space | None:
    """The space named by slug (or number) in the composer, 404 if the user may not see it."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        found = Space.objects.filter(pk=int(value)).values_list("slug", flat=True).first()
        value = found or ""
    space = space_get(value, request.user) if value else None
    if space is None:
        raise Http404
    return space


# -- writing ----------------------------------------------------------------------------------


def _composer_page(
    request: AuthenticatedHttpRequest,
    form: PostForm,
    space: Space | None,
    *,
    preview: str | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "posts/post_form.html",
        {
            "form": form,
            "space": space,
            "can_announce": space is None and permissions.can_post_announcement(request.user),
            "preview_html": preview,
            "next_url": safe_next_url(request, ""),
        },
        status=status,
    )


@login_required
@limited("post")
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The composer: a page of its own (GET), or the form posted from a feed or space."""
    source = request.POST if request.method == "POST" else request.GET
    space = _space_from(request, source.get("space", ""))
    if request.method != "POST":
        return _composer_page(
            request, PostForm(initial={"space": space.slug if space else ""}), space
        )
    form = PostForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_create(
                author=request.user,
                body=data["body"],
                space=space,
                is_announcement=data["is_announcement"],
                images=form.images,
                attachments=data["attachments"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your post has been published."))
            url = safe_next_url(request, post.get_absolute_url())
            return _hx_redirect(url) if _is_htmx(request) else redirect(url)
    return _composer_page(request, form, space, status=400)


@login_required
@require_POST
def preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The body as it will look; the whole composer again when asked without JavaScript."""
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    html = services.render_body(body)[0].html if body.strip() else ""
    if _is_htmx(request):
        return render(request, "posts/partials/preview.html", {"preview_html": html})
    space = _space_from(request, request.POST.get("space", ""))
    initial = {
        "body": request.POST.get("body", ""),
        "space": space.slug if space else "",
        "is_announcement": bool(request.POST.get("is_announcement")),
    }
    initial |= {key: request.POST.get(key, "") for key in request.POST if key.startswith("alt_")}
    return _composer_page(request, PostForm(initial=initial), space, preview=html)


@login_required
def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    _require(post.can_edit)  # type: ignore[attr-defined]
    form = PostEditForm(
        request.POST or None,
        request.FILES or None,
        post=post,
        initial={"body": post.body},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_update(
                post=post,
                editor=request.user,
                body=data["body"],
                images=form.images,
                attachments=data["attachments"],
                remove_image_ids=data["remove_images"],
                remove_attachment_ids=data["remove_attachments"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect_next(request, post.get_absolute_url())
    return render(
        request,
        "posts/post_edit.html",
        {"form": form, "post": post},
        status=400 if form.errors else 200,
    )


# -- reading ----------------------------------------------------------------------------------


def _detail_page(
    request: AuthenticatedHttpRequest,
    post: Post,
    *,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "posts/detail.html",
        {
            "post": post,
            "comments": selectors.post_comments(request.user, post),
            "comment_form": comment_form,
        },
        status=status,
    )


@login_required
@require_safe
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _post_or_404(request, pk))


@login_required
@require_safe
def history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    revisions = post.revisions.select_related("replaced_by")
    return render(request, "posts/history.html", {"post": post, "revisions": revisions})


@login_required
@require_safe
def reactions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    groups: dict[str, list[Person]] = {}
    for reaction in selectors.reactions_of(request.user, post):
        groups.setdefault(reaction.kind, []).append(reaction.person)
    kinds = [(kind, label, groups[kind]) for kind, label in Reaction.Kind.choices if kind in groups]
    return render(request, "posts/reactions.html", {"post": post, "kinds": kinds})


# -- actions on a post ------------------------------------------------------------------------


@login_required
def delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    _require(post.can_delete)  # type: ignore[attr-defined]
    if request.method != "POST":
        return render(
            request, "posts/delete.html", {"post": post, "next_url": safe_next_url(request, "")}
        )
    services.post_delete(post=post, by=request.user)
    messages.success(request, _("The post has been removed."))
    if permissions.can_restore_post(request.user, post):
        # Moderators can still see it, and undo the removal from its page.
        return redirect(post)
    fallback = post.space.get_absolute_url() if post.space else reverse("posts:feed")
    url = safe_next_url(request, fallback)
    return redirect(fallback if url.split("#")[0] == post.get_absolute_url() else url)


@login_required
@require_POST
def restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    services.post_restore(post=post, by=request.user)
    messages.success(request, _("The post has been restored."))
    return redirect_next(request, post.get_absolute_url())


def _flag(request: AuthenticatedHttpRequest, name: str) -> bool:
    value = request.POST.get(name)
    if value not in ("0", "1"):
        raise ValidationError(_("Something went wrong with this button; please try again."))
    return value == "1"


@login_required
@require_POST
def pin(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    try:
        pinned = _flag(request, "pinned")
    except ValidationError:
        return HttpResponseBadRequest()
    services.post_pin(post=post, by=request.user, pinned=pinned)
    messages.success(
        request,
        _("The post is pinned to the top of the space.") if pinned else _("The post is unpinned."),
    )
    return redirect_next(request, post.get_absolute_url())


@login_required
@require_POST
def follow_post(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    form = FollowPostForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    state = form.cleaned_data["state"]
    services.post_follow_set(
        person=request.user, post=post, state=None if state == "none" else state
    )
    messages.success(
        request,
        {
            "following": _("You will be notified of new comments on this post."),
            "muted": _("You will not be notified about this post any more."),
        }.get(state, _("You no longer follow this post.")),
    )
    return redirect_next(request, post.get_absolute_url())


@login_required
@require_POST
@limited("reaction")
def react(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Choose a reaction; the same one again takes it back."""
    post = _post_or_404(request, pk)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    services.reaction_set(person=request.user, post=post, kind=form.cleaned_data["kind"])
    if _is_htmx(request):
        return render(
            request,
            "posts/partials/reaction_bar.html",
            {"post": selectors.post_get(request.user, pk)},
        )
    return redirect_next(request, post.get_absolute_url())


# -- comments ---------------------------------------------------------------------------------


@login_required
@require_safe
def comment_form(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The comment box of a card in a stream, fetched when someone starts to comment (the stream
    itself stays light); without JavaScript, the box on the post's page."""
    post = _post_or_404(request, pk)
    _require(post.can_respond)  # type: ignore[attr-defined]
    if not _is_htmx(request):
        return redirect(f"{post.get_absolute_url()}#post-{post.pk}-comment-new")
    return render(
        request, "posts/partials/comment_form.html", {"post": post, "parent": None, "focus": True}
    )


@login_required
@require_POST
@limited("comment")
def comment_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = _post_or_404(request, pk)
    _require(post.can_respond)  # type: ignore[attr-defined]
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        parent = None
        if parent_id:
            parent = Comment.objects.filter(post=post, pk=parent_id).first()
            if parent is None:
                form.add_error(None, _("The comment you reply to is no longer there."))
        if not form.errors:
            try:
                comment = services.comment_create(
                    post=post, author=request.user, body=form.cleaned_data["body"], parent=parent
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return _comment_created(request, post, comment)
    if _is_htmx(request):
        return render(
            request,
            "posts/partials/comment_error.html",
            {"errors": [m for errors in form.errors.values() for m in errors]},
        )
    return _detail_page(request, post, comment_form=form, status=400)


def _comment_created(
    request: AuthenticatedHttpRequest, post: Post, comment: Comment
) -> HttpResponse:
    if not _is_htmx(request):
        messages.success(request, _("Your comment has been added."))
        url = safe_next_url(request, post.get_absolute_url())
        return redirect(f"{url.split('#')[0]}#comment-{comment.pk}")
    comment.my_reaction = None  # type: ignore[attr-defined]
    comment.reaction_count = 0  # type: ignore[attr-defined]
    comment.reply_list = []  # type: ignore[attr-defined]
    comment.can_edit = comment.can_delete = True  # type: ignore[attr-defined]
    compact = bool(request.POST.get("compact"))
    if compact:  # a card in a stream: its comment count changes too
        post.comment_count = Post.objects.values_list("comment_count", flat=True).get(pk=post.pk)
    return render(
        request,
        "posts/partials/comment_created.html",
        {"comment": comment, "post": post, "compact": compact and comment.parent_id is None},
    )


@login_required
def comment_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_or_404(request.user, pk)
    _require(permissions.can_edit_comment(request.user, comment))
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    del form.fields["parent"]
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_update(
                comment=comment, editor=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your comment has been saved."))
            return redirect(comment.get_absolute_url())
    return render(
        request,
        "posts/comment_edit.html",
        {"form": form, "comment": comment, "post": comment.post},
        status=400 if form.errors else 200,
    )


@login_required
def comment_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_or_404(request.user, pk)
    _require(permissions.can_delete_comment(request.user, comment))
    if request.method != "POST":
        return render(
            request, "posts/comment_delete.html", {"comment": comment, "post": comment.post}
        )
    services.comment_delete(comment=comment, by=request.user)
    messages.success(request, _("The comment has been removed."))
    return redirect(f"{comment.post.get_absolute_url()}#comments")


@login_required
@require_POST
@limited("reaction")
def comment_react(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_or_404(request.user, pk)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    reaction = services.reaction_set(
        person=request.user, comment=comment, kind=form.cleaned_data["kind"]
    )
    if _is_htmx(request):
        post = comment.post
        post.can_respond = True  # type: ignore[attr-defined]  # reaction_set checked it
        comment.my_reaction = reaction.kind if reaction else None  # type: ignore[attr-defined]
        comment.reaction_count = comment.reactions.count()  # type: ignore[attr-defined]
        return render(
            request, "posts/partials/comment_reaction.html", {"comment": comment, "post": post}
        )
    return redirect_next(request, comment.get_absolute_url())


# -- files ------------------------------------------------------------------------------------


@login_required
@require_safe
def attachment(request: AuthenticatedHttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A file of a post, to whoever may see the post, always as a download."""
    found = (
        Attachment.objects.select_related("post__space")
        .filter(pk=attachment_pk, post_id=pk)
        .first()
    )
    if found is None or not permissions.can_download(request.user, found):
        raise Http404
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = (
        found.content_type
        if found.content_type in SAFE_DOWNLOAD_TYPES
        else "application/octet-stream"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=found.name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_safe
def image(request: AuthenticatedHttpRequest, pk: int, image_pk: int, size: str) -> FileResponse:
    """A post's picture (re-encoded by Plein as JPEG) to whoever may see the post."""
    if size not in IMAGE_SIZES:
        raise Http404
    found = PostImage.objects.select_related("post__space").filter(pk=image_pk, post_id=pk).first()
    if found is None or not permissions.can_view_post(request.user, found.post):
        raise Http404
    return stored_image_response(
        getattr(found, IMAGE_SIZES[size]), content_type="image/jpeg", public=False
    )


# -- people -----------------------------------------------------------------------------------


@login_required
@require_POST
def follow_person(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk, is_active=True)
    try:
        follow = _flag(request, "follow")
    except ValidationError:
        return HttpResponseBadRequest()
    services.person_follow(follower=request.user, followed=person, follow=follow)
    if _is_htmx(request):
        response = render(
            request,
            "posts/partials/follow_person_button.html",
            {"person": person, "is_following": follow, "announce": True},
        )
        patch_vary_headers(response, ["HX-Request"])
        return response
    messages.success(
        request,
        (
            _("You now follow %(name)s: their posts appear in your feed.")
            if follow
            else _("You no longer follow %(name)s.")
        )
        % {"name": person.full_name},
    )
    return redirect_next(request, person.get_absolute_url())
