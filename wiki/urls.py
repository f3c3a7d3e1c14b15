from django.urls import path

from . import views
from .feeds import LatestArticlesFeed

app_name = "wiki"
urlpatterns = [
    path("articles/", views.article_index, name="index"),
    path("articles/<slug:slug>/", views.article_detail, name="article"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
    path("glossary/", views.glossary, name="glossary"),
    path("feed.atom", LatestArticlesFeed(), name="feed"),
]
