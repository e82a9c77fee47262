from django.urls import path

from . import views

app_name = "market"
urlpatterns = [
    path("", views.market, name="list"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/renew/", views.renew, name="renew"),
    path("<int:pk>/done/", views.done, name="done"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    path("<int:pk>/photo/<str:size>/", views.photo, name="photo"),
]
