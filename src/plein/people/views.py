import re
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    QueryDict,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from plein.core.files import stored_image_response
from plein.core.forms import add_service_error
from plein.core.permissions import require as _require
from plein.core.registries.profile import profile_sections_context
from plein.people.http import AuthenticatedHttpRequest

from . import services
from .availability.selectors import availability_context, with_absences
from .forms import (
    DepartmentForm,
    DirectoryFilterForm,
    LocationForm,
    PersonAddForm,
    PersonDetailsForm,
    ProfileForm,
)
from .models import Department, Location, Person
from .permissions import (
    can_edit_hr_fields,
    can_edit_profile,
    can_manage_organisation,
    can_manage_roles,
    can_view_profile,
)
from .selectors import (
    department_path,
    department_with_counts,
    directory_people,
    location_with_counts,
    organisation_departments,
    organisation_locations,
    person_get,
    person_with_profile,
    profile_completeness,
)

FILTER_PARAMETERS = ("q", "department", "location", "skill")
T = TypeVar("T")


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
    people = with_absences(directory_people(request.user, **filters))
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
            **availability_context(request.user, person),
            # The sections of the apps above (kudos, posts...): their context and templates.
            **profile_sections_context(request, person),
        },
    )


@login_required
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    person = request.user
    if not can_edit_profile(request.user, person):
        raise PermissionDenied
    hr_owned = not can_edit_hr_fields(request.user, person)
    initial = ProfileForm.initial_for(person)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, initial=initial, hr_owned=hr_owned)
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
                add_service_error(form, error)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect(person)
    else:
        form = ProfileForm(initial=initial, hr_owned=hr_owned)
    context: dict[str, Any] = {"form": form, "person": person}
    if hr_owned:
        manager = person.manager
        context["hr"] = {
            "department": department_path(person.department),
            "location": person.location,
            "manager": manager if manager and can_view_profile(request.user, manager) else None,
        }
    return render(request, "people/profile_form.html", context)


@login_required
@require_safe
def photo(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    person = person_get(pk)
    if person is None or not can_view_profile(request.user, person):
        raise Http404
    return stored_image_response(person.photo, content_type="image/jpeg", public=False)


# --- The Management area: the organisation and people's details ------------------------------


def _saved(form: forms.Form, save: Callable[[dict[str, Any]], T]) -> T | None:
    """What save(cleaned data) returns for a valid form; None when the form or the service
    found a problem, which the form then shows beside what was typed."""
    if not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        add_service_error(form, error)
        return None


def _form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A form page; 400 when it shows errors, so nothing mistakes it for a success."""
    return render(request, template, context, status=400 if context["form"].errors else 200)


def _post_action(
    request: HttpRequest, action: Callable[[], object], *, done: str, back: str, next_url: str
) -> HttpResponse:
    """Do a button's action (POST only): then say `done` on next_url, or why not on `back`."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(request, done)
    return redirect(next_url)


def _organisation_url(anchor: str) -> str:
    return f"{reverse('manage:organisation')}#{anchor}"


@login_required
def manage_organisation(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_manage_organisation(request.user))
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return render(
        request,
        "people/manage/organisation.html",
        {"departments": organisation_departments(), "locations": organisation_locations()},
    )


def _department_form(
    request: AuthenticatedHttpRequest, department: Department | None
) -> HttpResponse:
    if request.method != "POST":
        initial = (
            DepartmentForm.initial_for(department)
            if department
            else {"parent": request.GET.get("parent")}
        )
        form = DepartmentForm(initial=initial, department=department)
    else:
        form = DepartmentForm(request.POST, department=department)

        def save(data: dict[str, Any]) -> Department:
            fields = {"name": data["name"], "parent": data["parent"], "code": data["code"]}
            if department is None:
                return services.department_create(**fields)
            return services.department_update(department=department, **fields)

        saved = _saved(form, save)
        if saved is not None:
            messages.success(
                request, _("The department %(name)s has been saved.") % {"name": saved.name}
            )
            return redirect(_organisation_url(f"department-{saved.pk}"))
    return _form_page(
        request, "people/manage/department_form.html", {"form": form, "department": department}
    )


@login_required
def department_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_manage_organisation(request.user))
    return _department_form(request, None)


@login_required
def department_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_manage_organisation(request.user))
    department = department_with_counts(pk)
    if department is None:
        raise Http404
    return _department_form(request, department)


@login_required
def department_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_manage_organisation(request.user))
    department = get_object_or_404(Department, pk=pk)
    return _post_action(
        request,
        lambda: services.department_delete(department=department),
        done=_("The department %(name)s has been deleted.") % {"name": department.name},
        back=reverse("manage:department_edit", args=[department.pk]),
        next_url=_organisation_url("departments-heading"),
    )


def _location_form(request: AuthenticatedHttpRequest, location: Location | None) -> HttpResponse:
    if request.method != "POST":
        initial = {"name": location.name, "address": location.address} if location else None
        form = LocationForm(initial=initial)
    else:
        form = LocationForm(request.POST)

        def save(data: dict[str, Any]) -> Location:
            fields = {"name": data["name"], "address": data["address"]}
            if location is None:
                return services.location_create(**fields)
            return services.location_update(location=location, **fields)

        saved = _saved(form, save)
        if saved is not None:
            messages.success(
                request, _("The location %(name)s has been saved.") % {"name": saved.name}
            )
            return redirect(_organisation_url(f"location-{saved.pk}"))
    return _form_page(
        request, "people/manage/location_form.html", {"form": form, "location": location}
    )


@login_required
def location_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_manage_organisation(request.user))
    return _location_form(request, None)


@login_required
def location_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_manage_organisation(request.user))
    location = location_with_counts(pk)
    if location is None:
        raise Http404
    return _location_form(request, location)


@login_required
def location_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_manage_organisation(request.user))
    location = get_object_or_404(Location, pk=pk)
    return _post_action(
        request,
        lambda: services.location_delete(location=location),
        done=_("The location %(name)s has been deleted.") % {"name": location.name},
        back=reverse("manage:location_edit", args=[location.pk]),
        next_url=_organisation_url("locations-heading"),
    )


_WELCOME_SENT = gettext_lazy(
    "A welcome e-mail with a link to set a password is on its way to %(email)s."
)


def _details(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in services.PERSON_DETAIL_FIELDS}


@login_required
def person_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(can_manage_roles(request.user))
    if request.method != "POST":
        form = PersonAddForm()
    else:
        form = PersonAddForm(request.POST)
        person = _saved(
            form,
            lambda data: services.person_create(
                **_details(data),
                send_welcome=data["send_welcome"],
                site_url=request.build_absolute_uri("/"),
            ),
        )
        if person is not None:
            messages.success(request, _("%(name)s has been added.") % {"name": person.full_name})
            if form.cleaned_data["send_welcome"]:
                messages.success(request, _WELCOME_SENT % {"email": person.email})
            return redirect("manage:person", pk=person.pk)
    return _form_page(request, "people/manage/person_form.html", {"form": form, "person": None})


@login_required
def person_details(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_manage_roles(request.user))
    person = get_object_or_404(Person.objects.select_related("manager"), pk=pk)
    if request.method != "POST":
        form = PersonDetailsForm(initial=PersonDetailsForm.initial_for(person))
    else:
        form = PersonDetailsForm(request.POST)
        saved = _saved(
            form, lambda data: services.person_details_update(person=person, **_details(data))
        )
        if saved is not None:
            messages.success(
                request, _("The details of %(name)s have been saved.") % {"name": saved.full_name}
            )
            return redirect("manage:person", pk=person.pk)
    return _form_page(request, "people/manage/person_form.html", {"form": form, "person": person})


@login_required
def person_welcome(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(can_manage_roles(request.user))
    person = get_object_or_404(Person, pk=pk)
    return _post_action(
        request,
        lambda: services.person_send_welcome(
            person=person, site_url=request.build_absolute_uri("/")
        ),
        done=_WELCOME_SENT % {"email": person.email},
        back=reverse("manage:person_details", args=[person.pk]),
        next_url=reverse("manage:person_details", args=[person.pk]),
    )
