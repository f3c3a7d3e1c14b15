from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from core.ratelimit import rate_limited
from sharing import views as sharing_views
from website import views as core_views
from wiki.sitemaps import sitemaps

# The interface words site.js shows (locale/*/djangojs.po), in the page's language; cached, since
# they change only when the site is deployed.
javascript_catalog = cache_control(public=True, max_age=3600)(JavaScriptCatalog.as_view(packages=["core"]))

urlpatterns = [
    path("", core_views.choose_language, name="root"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("robots.txt", core_views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("r/<str:share_id>/", sharing_views.short, name="short-share"),
    # Wrong passwords are limited per client (RATE_LIMIT_LOGIN) before Django's admin sees them.
    path(settings.ADMIN_PATH + "login/", rate_limited("login")(admin.site.login)),
    path(settings.ADMIN_PATH, admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("about/editorial-policy/", core_views.editorial_policy, name="editorial-policy"),
    path("jsi18n/", javascript_catalog, name="javascript-catalog"),
    path("", include("wiki.urls")),
    path("phrases/", include("phrases.urls")),
    path("", include("assessment.urls")),
    path("", include("results.urls")),
    path("", include("sharing.urls")),
    path("", include("search.urls")),
    path("", include("couples.urls")),
    path("", include("support.urls")),
    path("together/", include("together.urls")),
    prefix_default_language=True,
)

handler404 = "website.views.page_not_found"
handler500 = "website.views.server_error"
