import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from plein.core.files import stored_image_response
from plein.core.http import AuthenticatedHttpRequest

from . import services
from .forms import DirectoryFilterForm, ProfileForm
from .permissions import can_edit_profile, can_view_profile
from .selectors import (
    department_path,
    directory_people,
    person_get,
    person_with_profile,
    profile_completeness,
)

FILTER_PARAMETERS = ("q", "department", "location", "skill")


def _filter_query(query: QueryDict) -> str:
    """The filters as typed, without the page and without empty values: for page links."""
    return urlencode([(key, query[key]) for key in FILTER_PARAMETERS if query.get(key, "").strip()])


def _tel_uri(phone: str) -> str:
    return "tel:" + re.sub(r"[^0-9+]", "", phone) if phone else ""


@login_required
@require_safe
def directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    # htmx live search swaps only the results; a history restore needs the whole page.
    partial = bool(request.htmx and not request.htmx.history_restore_request)  # type: ignore[attr-defined]
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters()
    people = directory_people(request.user, **filters)
    page_obj = Paginator(people, settings.PLEIN_PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "people": page_obj.object_list,
        "is_filtered": bool(filters),
        "filter_query": _filter_query(request.GET),
        "partial": partial,
    }
    template = "people/partials/directory_results.html" if partial else "people/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_safe
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = person_with_profile(pk, request.user)
    if person is None or not can_view_profile(request.user, person):
        raise Http404
    is_own = can_edit_profile(request.user, person)
    manager = person.manager
    if manager is not None and not can_view_profile(request.user, manager):
        manager = None
    return render(
        request,
        "people/profile.html",
        {
            "person": person,
            "is_own": is_own,
            "department_path": department_path(person.department),
            "manager": manager,
            "reports": person.reports.all(),
            "skills": person.skills.all(),
            "interests": person.interests.all(),
            "phone_uri": _tel_uri(person.phone),
            "completeness": profile_completeness(person) if is_own else None,
        },
    )


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    person = request.user
    if not can_edit_profile(request.user, person):
        raise PermissionDenied
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.profile_update(
                    person=person,
                    job_title=data["job_title"],
                    department=data["department"],
                    location=data["location"],
                    phone=data["phone"],
                    bio=data["bio"],
                    skills=data["skills"],
                    interests=data["interests"],
                    photo=data["photo"],
                    remove_photo=data["remove_photo"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect(person)
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(person))
    return render(request, "people/profile_form.html", {"form": form, "person": person})


@login_required
@require_safe
def photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    person = person_get(pk)
    if person is None or not can_view_profile(request.user, person):
        raise Http404
    return stored_image_response(person.photo, content_type="image/jpeg", public=False)
