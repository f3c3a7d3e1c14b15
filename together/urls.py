from django.urls import path

from . import views

app_name = "together"
# Fixed addresses first: a private address is 32 characters and never one of these words.
urlpatterns = [
    path("", views.start, name="start"),
    path("start/", views.create, name="create"),
    path("invite/", views.invite, name="invite"),
    path("join/", views.accept, name="accept"),
    path("join/<str:invitation>/", views.join, name="join"),
    path("decline/", views.decline, name="decline"),
    path("answer/", views.save, name="save"),
    path("finish/", views.finish, name="finish"),
    path("new-round/", views.new_round, name="new_round"),
    path("keep/", views.keep, name="keep"),
    path("end/", views.end, name="end"),
    path("pressured/", views.pressured, name="pressured"),
    path("ended/", views.ended, name="ended"),
    path("support/", views.left, name="left"),
    path("<str:token>/", views.side, name="list"),
    path("<str:token>/<slug:group_id>/", views.group, name="group"),
]
