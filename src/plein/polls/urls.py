from django.urls import path

from . import views

app_name = "polls"
urlpatterns = [
    path("new/", views.poll_new, name="new"),
    path("<int:pk>/edit/", views.poll_edit, name="edit"),
    path("<int:pk>/vote/", views.poll_vote, name="vote"),
    path("<int:pk>/close/", views.poll_close, name="close"),
    path("<int:pk>/voters/", views.poll_voters, name="voters"),
    path("contests/", views.contests, name="contests"),
    path("contests/new/", views.contest_new, name="contest_new"),
    path("contests/<int:pk>/", views.contest, name="contest"),
    path("contests/<int:pk>/edit/", views.contest_edit, name="contest_edit"),
    path("contests/<int:pk>/propose/", views.entry_submit, name="entry_submit"),
    path("contests/<int:pk>/vote/<int:entry>/", views.entry_vote, name="entry_vote"),
    path("contests/<int:pk>/announce/", views.contest_announce, name="announce"),
]
