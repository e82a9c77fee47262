from django.urls import path

from . import picker, views
from .stream import views as stream_views

app_name = "posts"
urlpatterns = [
    path("", stream_views.home_feed, name="feed"),
    path("new/", views.create, name="create"),
    path("preview/", views.preview, name="preview"),
    path("mentions/", stream_views.mention_suggestions, name="mention_suggestions"),
    path("picker/", picker.posts_suggestions, name="picker"),
    path("tags/<str:name>/", stream_views.hashtag, name="hashtag"),
    path("spaces/<slug:slug>/", stream_views.space_feed, name="space_feed"),
    path("people/<int:pk>/", stream_views.person_feed, name="person_feed"),
    path("people/<int:pk>/follow/", views.follow_person, name="follow_person"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/restore/", views.restore, name="restore"),
    path("<int:pk>/pin/", views.pin, name="pin"),
    path("<int:pk>/follow/", views.follow_post, name="follow_post"),
    path("<int:pk>/react/", views.react, name="react"),
    path("<int:pk>/reactions/", views.reactions, name="reactions"),
    path("<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("<int:pk>/comment-form/", views.comment_form, name="comment_form"),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/images/<int:image_pk>/<str:size>/", views.image, name="image"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/react/", views.comment_react, name="comment_react"),
]
