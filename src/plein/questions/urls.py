from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.ask, name="ask"),
    path("similar/", views.similar, name="similar"),
    path("helpers/", views.helpers, name="helpers"),
    path("helpers/<int:pk>/remove/", views.helper_remove, name="helper_remove"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("answers/<int:pk>/vote/", views.vote, name="vote"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
]
