from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@login_required
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


@login_required
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError
