from django.urls import path

from . import views

app_name = "phrases"
urlpatterns = [
    path("", views.phrase_bank, name="bank"),
    path("sheet/", views.sheet, name="sheet"),
]
