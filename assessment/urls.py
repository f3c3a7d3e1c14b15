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
    path("report/<str:token>/", views.report, name="report"),
    path("report/<str:token>/report.pdf", views.report_pdf, name="report_pdf"),
    path("report/<str:token>/sharing/", views.sharing, name="sharing"),
    path("report/<str:token>/delete/", views.delete, name="delete"),
    path("report/<str:token>/retake/", views.retake, name="retake"),
    path("report/<str:token>/plan/", views.plan, name="plan"),
    path("report-deleted/", views.deleted, name="deleted"),
    path("test/my-results/", views.my_results, name="my_results"),
    path("support/", views.support, name="support"),
]
