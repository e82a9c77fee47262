from django.urls import path

from . import docs
from .main import api

urlpatterns = [
    path("docs/", docs.documentation, name="api_docs"),
    path("", api.urls),
]
