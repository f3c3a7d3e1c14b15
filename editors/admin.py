"""The editors' area: the test's statistics and an anonymised export, inside Django's admin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import get_language

from assessment import registry
from assessment.models import Result
from base.languages import pick_text

from . import selectors, synthetic

admin.site.site_header = f"{settings.SITE_NAME}: editors"
admin.site.site_title = "Editors"
admin.site.index_title = "Editors' area"


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Results can be counted and read for their answers only: no share id, no report hash."""

    list_display = ("created", "instrument", "version", "language", "sharing_enabled", "is_synthetic")
    list_filter = ("instrument", "version", "language", "is_synthetic")
    fields = ("created", "instrument", "version", "language", "answers", "sharing_enabled", "is_synthetic")
    readonly_fields = fields
    change_list_template = "admin/editors/result_changelist.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        return [
            path("statistics/", self.admin_site.admin_view(self.statistics_view), name="editors_statistics"),
            path("export.csv", self.admin_site.admin_view(self.export_view), name="editors_export"),
            *super().get_urls(),
        ]

    def _instrument(self, request: HttpRequest) -> Any:
        versions = sorted(registry.instruments().values(), key=lambda i: (i.id, i.version))
        wanted = request.GET.get("version", "")
        return next((i for i in versions if i.key == wanted), versions[-1]), versions

    @staticmethod
    def _filters(request: HttpRequest) -> tuple[str | None, bool]:
        """The language and synthetic filters, read the same way by the statistics and the export."""
        language = request.GET.get("language") or None
        if language not in (None, "en", "zh-hans"):
            language = None
        return language, request.GET.get("synthetic") == "1"

    def statistics_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        instrument, versions = self._instrument(request)
        language, synthetic = self._filters(request)
        figures = selectors.instrument_figures(instrument, language, synthetic)
        # Item texts in the language being looked at: the filter's, else the editor's own.
        text_language = language or ("zh-hans" if (get_language() or "").startswith("zh") else "en")

        def pick(texts: Mapping[str, str]) -> str:
            return pick_text(texts, text_language)

        names = {p.id: pick(p.name) for p in instrument.patterns.values()}
        most = max((n for _, n in figures.patterns), default=0) or 1
        query = {"version": instrument.key, **({"language": language} if language else {})}
        if synthetic:
            query["synthetic"] = "1"
        context = {
            **self.admin_site.each_context(request),
            "title": "Test statistics",
            "instrument": instrument,
            "versions": versions,
            "language": language or "",
            "synthetic": synthetic,
            "generator": synthetic_settings() if synthetic else [],
            "figures": figures,
            "scale_names": {s.id: pick(s.name) for s in instrument.scales.values()},
            "item_texts": {i.id: pick(i.text) for i in instrument.items},
            "item_keys": {i.id: "minus" if i.reverse else "plus" for i in instrument.items},
            "text_language": text_language,
            "patterns": [(names[p], n, round(n / most * 280)) for p, n in figures.patterns],
            "export_query": query,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/editors/statistics.html", context)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        instrument, _ = self._instrument(request)
        language, synthetic = self._filters(request)
        with_safety = request.GET.get("safety") == "1"
        if with_safety and not request.user.is_superuser:
            raise PermissionDenied("Only a superuser may export safety-check answers.")
        body = selectors.answers_csv(instrument, synthetic=synthetic, with_safety=with_safety, language=language)
        parts = [instrument.id, f"v{instrument.version}", *([language] if language else []),
                 *(["synthetic"] if synthetic else []), "answers"]  # fmt: skip
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{"-".join(parts)}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response


def synthetic_settings() -> list[tuple[str, str]]:
    """What the synthetic figures are a product of (editors/synthetic.py)."""
    return synthetic.Settings().describe()
