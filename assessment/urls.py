from django.urls import path

from . import reliability, views

app_name = "assessment"
urlpatterns = [
    path("test/", views.start, name="start"),
    path("test/begin/", views.begin, name="begin"),
    path("test/<int:number>/", views.page, name="page"),
    path("test/safety/", views.safety, name="safety"),
    path("test/how-scoring-works/", views.how_scoring_works, name="how_scoring_works"),
    path("test/reliability/", reliability.page, name="reliability"),
]
