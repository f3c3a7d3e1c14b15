"""What the test's pages and the report's pages share: the draft cookie, private responses,
problem pages, and finding a result by its private token."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import registry, services, tokens
from .instrument import Instrument
from .models import Draft, Result

DRAFT_COOKIE = "rcw_draft"
DRAFT_COOKIE_DAYS = 30


def draft_of(request: HttpRequest) -> Draft | None:
    """The reader's test in progress (a finished one counts as none)."""
    draft = draft_or_finished(request)
    return None if draft is None or draft.finished_result_id else draft


def draft_or_finished(request: HttpRequest) -> Draft | None:
    token = request.COOKIES.get(DRAFT_COOKIE, "")
    if not tokens.looks_like(token, tokens.DRAFT_BYTES):
        return None
    return Draft.objects.filter(token=token).first()


def to_finished_report(request: HttpRequest) -> HttpResponse | None:
    """A retry after a lost response: the answers were already turned into a result; go to it."""
    draft = draft_or_finished(request)
    report_token = services.draft_finished_report(draft) if draft else None
    if report_token is None:
        return None
    response = HttpResponseRedirect(reverse("results:report", args=[report_token]) + "?new=1")
    response.delete_cookie(DRAFT_COOKIE, samesite="Lax")
    return private(response)


def instrument_of(draft: Draft | Result) -> Instrument:
    instrument = registry.get_instrument(draft.instrument, draft.version)
    if instrument is None:
        raise Http404("This version of the test is no longer available.")
    return instrument


def with_draft_cookie(response: HttpResponse, draft: Draft) -> HttpResponse:
    response.set_cookie(
        DRAFT_COOKIE,
        draft.token,
        max_age=DRAFT_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def private(response: HttpResponse) -> HttpResponse:
    """Private pages: never cached by shared caches, never indexed, never leak their address."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


PROBLEMS = {
    "bad_answer": (
        _("That answer could not be read"),
        _("Something in the form was not one of the choices, so nothing was saved. Please go back and choose again."),
    ),
    "already_submitted": (
        _("This test was already submitted"),
        _(
            "These answers were already turned into a result, so nothing new was saved. If you kept the address "
            "of your report, it is still there. You can also take the test again."
        ),
    ),
    "sharing_refused": (
        _("Sharing stays off for this result"),
        _(
            "Your answers to the safety questions suggest that a share page could put you at risk, so it cannot "
            "be turned on. Nothing was changed."
        ),
    ),
    "not_confirmed": (
        _("Nothing was deleted"),
        _("Please tick the box to confirm that you want your result deleted."),
    ),
}


def problem(request: HttpRequest, status: int, kind: str) -> HttpResponse:
    title, message = PROBLEMS[kind]
    return private(render(request, "assessment/problem.html", {"title": title, "message": message}, status=status))


def result_for(token: str) -> Result:
    if not tokens.looks_like(token, tokens.REPORT_BYTES):
        raise Http404("No such report")
    result = Result.objects.filter(report_hash=tokens.token_hash(token)).first()
    if result is None:
        raise Http404("No such report")
    return result
