from django.urls import path

from . import views

app_name = "results"
urlpatterns = [
    path("report/<str:token>/", views.report, name="report"),
    path("report/<str:token>/report.pdf", views.report_pdf, name="report_pdf"),
    path("report/<str:token>/sharing/", views.sharing, name="sharing"),
    path("report/<str:token>/delete/", views.delete, name="delete"),
    path("report/<str:token>/retake/", views.retake, name="retake"),
    path("report/<str:token>/plan/", views.plan, name="plan"),
    path("report-deleted/", views.deleted, name="deleted"),
    path("test/my-results/", views.my_results, name="my_results"),
]
