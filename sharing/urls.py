from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("r/<str:share_id>/", views.share_page, name="page"),
    path("r/<str:share_id>/card.png", views.share_image, name="image"),
    path("r/<str:share_id>/story.png", views.share_story, name="story"),
]
