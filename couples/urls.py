from django.urls import path

from . import views

app_name = "couples"
urlpatterns = [
    path("report/<str:token>/invite/", views.invite, name="invite"),
    path("report/<str:token>/invite/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("report/<str:token>/couple/<int:pk>/", views.joint, name="joint"),
    path("report/<str:token>/couple/<int:pk>/end/", views.end, name="end"),
    path("report/<str:token>/couple/<int:pk>/share/", views.share, name="share"),
    path("couple/join/<str:token>/", views.join, name="join"),
]
