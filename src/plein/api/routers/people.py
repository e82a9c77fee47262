"""People: the directory, one profile, and who the token acts as."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_noop as N_
from ninja import Query, Router

from plein.people.http import AuthenticatedHttpRequest
from plein.people.models import Department, Location, Person
from plein.people.permissions import can_view_profile
from plein.people.selectors import directory_people, person_with_profile

from ..auth import READ
from ..pagination import PageQuery, paginate
from ..schemas.common import PathId
from ..schemas.people import PeopleFilters, PeoplePage, PersonDetailOut

PREFIX = "/people"
router = Router(tags=["people"], auth=READ)


def _profile(request: AuthenticatedHttpRequest, pk: int) -> Person:
    person = person_with_profile(pk, request.user)
    if person is None or not can_view_profile(request.user, person):
        raise Http404
    manager = person.manager
    person.visible_manager = (  # type: ignore[attr-defined]
        manager if manager is not None and can_view_profile(request.user, manager) else None
    )
    return person


@router.get("/", response=PeoplePage, summary=N_("List and search the people directory"))
def people_list(
    request: AuthenticatedHttpRequest, page: PageQuery, filters: Query[PeopleFilters]
) -> dict[str, object]:
    """Active colleagues, by last name, filtered as on the people directory."""
    department = (
        Department.objects.filter(pk=filters.department).first()
        if filters.department is not None
        else None
    )
    location = (
        Location.objects.filter(pk=filters.location).first()
        if filters.location is not None
        else None
    )
    if (filters.department is not None and department is None) or (
        filters.location is not None and location is None
    ):
        return {"items": [], "next": None}
    people = directory_people(
        request.user, q=filters.q, department=department, location=location, skill=filters.skill
    )
    items, cursor = paginate(people, order=("last_name", "first_name", "pk"), params=page)
    return {"items": items, "next": cursor}


@router.get("/me", response=PersonDetailOut, summary=N_("The person the token acts as"))
def people_me(request: AuthenticatedHttpRequest) -> Person:
    return _profile(request, request.user.pk)


@router.get("/{int:person_id}", response=PersonDetailOut, summary=N_("One person's profile"))
def people_detail(request: AuthenticatedHttpRequest, person_id: PathId) -> Person:
    return _profile(request, person_id)
