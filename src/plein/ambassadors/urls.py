from django.urls import path

from . import views

app_name = "ambassadors"
urlpatterns = [
    path("", views.ambassador_list, name="list"),
    path("manage/", views.manage, name="manage"),
    path("manage/people/", views.person_suggestions, name="person_suggestions"),
    path("<int:pk>/remove/", views.remove, name="remove"),
]
urlpatterns += [
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path("evaluations/<int:pk>/close/", views.evaluation_close, name="evaluation_close"),
    path("evaluations/<int:pk>/summary/", views.evaluation_summary, name="evaluation_summary"),
    path(
        "evaluations/<int:pk>/summary.csv",
        views.evaluation_summary_csv,
        name="evaluation_summary_csv",
    ),
    path(
        "evaluations/<int:pk>/items/<int:item>/support/",
        views.evaluation_support,
        name="evaluation_support",
    ),
    path(
        "evaluations/<int:pk>/items/<int:item>/remove/",
        views.evaluation_item_remove,
        name="evaluation_item_remove",
    ),
]
