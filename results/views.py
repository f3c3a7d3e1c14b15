"""Reading a result: the private report, its PDF and printable plan, sharing, retaking and deleting.

Above couple mode and the together list, whose status it shows; below nothing but the website.
"""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assessment import registry, selectors, services, tokens
from assessment.http import draft_of, instrument_of, private, problem, result_for, with_draft_cookie
from assessment.models import Result
from assessment.report import build_report
from core.csrf import private_form
from core.ratelimit import rate_limited
from couples import selectors as couple_selectors

PLAN_DAYS = 14


def _plan_day(result: Result) -> int:
    """Which day of the 14-day plan today is, counting the day of the result as day 1 (0 after it)."""
    day = (timezone.localdate() - result.created).days + 1
    return day if 1 <= day <= PLAN_DAYS else 0


def _previous_report_url(result: Result, token: str) -> str:
    """The report this one was a retake of, if it still exists: newer links to older, never back."""
    if result.previous_id is None or not result.previous_report_sealed:
        return ""
    earlier = tokens.unseal(result.previous_report_sealed, token, settings.SECRET_KEY)
    return reverse("results:report", args=[earlier])


@never_cache
def report(request: HttpRequest, token: str) -> HttpResponse:
    result = result_for(token)
    report = build_report(
        result, get_language(), request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
    invite_token = request.GET.get("invite", "")
    context = {
        "report": report,
        "result": result,
        "view": report.view,
        "couple_invitations": couple_selectors.invitations_of(result),
        "couple_pairings": couple_selectors.pairings_of(result),
        "share_choice": couple_selectors.share_choice_for(result),
        "previous_report_url": _previous_report_url(result, token),
        "plan_key": tokens.token_hash("plan:" + result.report_hash)[:16],
        "chart": selectors.chart_rows(report.view),
        "plan_today": _plan_day(result),
        "share_later": request.GET.get("share") == "later",
        "new_invite_url": request.build_absolute_uri(reverse("couples:join", args=[invite_token]))
        if tokens.looks_like(invite_token, 24)
        else "",
        "token": token,
        "is_new": request.GET.get("new") == "1",
        "report_url": request.build_absolute_uri(reverse("results:report", args=[token])),
        "share_url": selectors.share_url(result),
        "show_quick_exit": report.view.safety_signal,
        "mail_subject": _("My private communication pattern report"),
    }
    return private(render(request, "assessment/report.html", context))


# The report's forms are on no-referrer pages, so browsers post them with `Origin: null`;
# core.csrf.private_form checks their CSRF token without refusing that origin.


@never_cache
@rate_limited("pdf", methods=("GET",))
def report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    result = result_for(token)
    language = get_language()
    document = selectors.report_pdf_bytes(
        result, language, request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="communication-pattern-report.pdf"'
    return private(response)


@private_form
@require_POST
def sharing(request: HttpRequest, token: str) -> HttpResponse:
    result = result_for(token)
    try:
        services.result_set_sharing(
            result=result, enabled=request.POST.get("enabled") == "1", instrument=instrument_of(result)
        )
    except services.SharingRefused:
        return problem(request, HTTPStatus.FORBIDDEN, "sharing_refused")
    return private(HttpResponseRedirect(reverse("results:report", args=[token]) + "#sharing"))


@private_form
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("delete")
def delete(request: HttpRequest, token: str) -> HttpResponse:
    result = result_for(token)
    earlier = services.earlier_results(result)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            return problem(request, HTTPStatus.BAD_REQUEST, "not_confirmed")
        removed = services.result_delete(result=result, with_earlier=request.POST.get("earlier") == "yes")
        counts = {"earlier": removed, "kept": len(earlier) - removed}
        query = "&".join(f"{name}={number}" for name, number in counts.items() if number)
        return private(HttpResponseRedirect(reverse("results:deleted") + (f"?{query}" if query else "")))
    return private(render(request, "assessment/delete.html", {"token": token, "earlier": earlier}))


@never_cache
def plan(request: HttpRequest, token: str) -> HttpResponse:
    """The 14-day plan on one printable page (not offered where the safety check signalled danger)."""
    result = result_for(token)
    report = build_report(result, get_language(), None)
    if report.plan is None:
        raise Http404("No practice plan for this result")
    context = {"report": report, "plan": report.plan, "token": token, "plan_today": _plan_day(result)}
    return private(render(request, "assessment/plan.html", context))


def my_results(request: HttpRequest) -> HttpResponse:
    """The list lives in this browser's storage only; the page itself is the same for everyone."""
    return render(request, "assessment/my_results.html")


def deleted(request: HttpRequest) -> HttpResponse:
    """Says exactly what went and what stayed; the counts in the address are all it knows."""

    def count(name: str) -> int:
        value = request.GET.get(name, "0")
        return int(value) if value.isascii() and value.isdigit() and len(value) < 3 else 0

    return private(render(request, "assessment/deleted.html", {"earlier": count("earlier"), "kept": count("kept")}))


@private_form
@require_POST
@rate_limited("retake")
def retake(request: HttpRequest, token: str) -> HttpResponse:
    result = result_for(token)
    draft = services.draft_start(
        instrument=registry.current_instrument(),
        language=get_language(),
        previous=result,
        previous_report_token=token,
        replaces=draft_of(request),
    )
    return private(with_draft_cookie(HttpResponseRedirect(reverse("assessment:page", args=[1])), draft))


# --- explaining the test -----------------------------------------------------------------------
