"""Taking the test, the private report, and the pages that explain the test.

Views parse the request, call one service or selector, and render. Every page works as a
plain HTML form; site.js only makes it nicer.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.csrf import private_form
from core.ratelimit import rate_limited

from . import registry, scoring, selectors, services, tokens
from .instrument import Instrument, Item, SafetyItem
from .models import Draft, Result
from .scoring import AnswerError

DRAFT_COOKIE = "rcw_draft"
DRAFT_COOKIE_DAYS = 30
PAGE_SIZE = 6
MINUTES = 8


# --- helpers ------------------------------------------------------------------------------------


def _pages(instrument: Instrument) -> list[list[Item]]:
    return [instrument.items[i : i + PAGE_SIZE] for i in range(0, len(instrument.items), PAGE_SIZE)]


def _draft(request: HttpRequest) -> Draft | None:
    """The reader's test in progress (a finished one counts as none)."""
    draft = _draft_or_finished(request)
    return None if draft is None or draft.finished_result_id else draft


def _draft_or_finished(request: HttpRequest) -> Draft | None:
    token = request.COOKIES.get(DRAFT_COOKIE, "")
    if not tokens.looks_like(token, tokens.DRAFT_BYTES):
        return None
    return Draft.objects.filter(token=token).first()


def _to_finished_report(request: HttpRequest) -> HttpResponse | None:
    """A retry after a lost response: the answers were already turned into a result; go to it."""
    draft = _draft_or_finished(request)
    report_token = services.draft_finished_report(draft) if draft else None
    if report_token is None:
        return None
    response = HttpResponseRedirect(reverse("assessment:report", args=[report_token]) + "?new=1")
    response.delete_cookie(DRAFT_COOKIE, samesite="Lax")
    return _private(response)


def _instrument_of(draft: Draft | Result) -> Instrument:
    instrument = registry.get_instrument(draft.instrument, draft.version)
    if instrument is None:
        raise Http404("This version of the test is no longer available.")
    return instrument


def _with_draft_cookie(response: HttpResponse, draft: Draft) -> HttpResponse:
    response.set_cookie(
        DRAFT_COOKIE,
        draft.token,
        max_age=DRAFT_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _private(response: HttpResponse) -> HttpResponse:
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


def _problem(request: HttpRequest, status: int, kind: str) -> HttpResponse:
    title, message = PROBLEMS[kind]
    return _private(render(request, "assessment/problem.html", {"title": title, "message": message}, status=status))


def _first_unanswered_page(instrument: Instrument, answers: dict[str, Any]) -> int:
    for number, items in enumerate(_pages(instrument), start=1):
        if any(item.id not in answers for item in items):
            return number
    return 0


def _parse_answers(post: Any, items: list[Item] | list[SafetyItem], instrument: Instrument) -> dict[str, int]:
    """Answers present in the form, each exactly one of the codes the instrument declares for it.

    Anything else (full-width digits, '³', huge numbers) raises AnswerError before anything is saved.
    """
    found: dict[str, int] = {}
    for item in items:
        raw = post.get(item.id)
        if raw in (None, ""):
            continue
        found[item.id] = scoring.parse_answer(instrument, item, raw)
    return found


# --- taking the test ----------------------------------------------------------------------------


@never_cache
def start(request: HttpRequest) -> HttpResponse:
    instrument = registry.current_instrument()
    draft = _draft(request)
    language = get_language()
    return render(
        request,
        "assessment/start.html",
        {
            "title": instrument.title.get(language) or instrument.title["en"],
            "intro": instrument.intro.get(language) or instrument.intro["en"],
            "item_count": len(instrument.items),
            "safety_count": len(instrument.safety_items),
            "minutes": MINUTES,
            "draft": draft,
            "answered": len(draft.answers) if draft else 0,
            "translation_incomplete": not instrument.is_complete_in(language),
        },
    )


@require_POST
@rate_limited("submit")
def begin(request: HttpRequest) -> HttpResponse:
    draft = _draft(request)
    if draft is not None and request.POST.get("action") == "continue":
        instrument = _instrument_of(draft)
        page = _first_unanswered_page(instrument, draft.answers)
        target = reverse("assessment:page", args=[page]) if page else reverse("assessment:safety")
        return HttpResponseRedirect(target)
    if draft is not None:
        draft.delete()
    draft = services.draft_start(instrument=registry.current_instrument(), language=get_language())
    return _with_draft_cookie(HttpResponseRedirect(reverse("assessment:page", args=[1])), draft)


@never_cache
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, number: int) -> HttpResponse:
    draft = _draft(request)
    if draft is None:
        return _to_finished_report(request) or HttpResponseRedirect(reverse("assessment:start"))
    instrument = _instrument_of(draft)
    pages = _pages(instrument)
    if not 1 <= number <= len(pages):
        raise Http404("No such page of the test")
    items = pages[number - 1]
    missing: list[str] = []
    status = HTTPStatus.OK
    if request.method == "POST":
        try:
            answers = _parse_answers(request.POST, items, instrument)
            draft = services.draft_record(token=draft.token, instrument=instrument, answers=answers)
        except AnswerError:
            return _problem(request, HTTPStatus.BAD_REQUEST, "bad_answer")
        except services.DraftGone:
            return HttpResponseRedirect(reverse("assessment:start"))
        if request.POST.get("nav") == "back":
            target = reverse("assessment:page", args=[number - 1]) if number > 1 else reverse("assessment:start")
            return HttpResponseRedirect(target)
        missing = [item.id for item in items if item.id not in draft.answers]
        if not missing:
            target = (
                reverse("assessment:page", args=[number + 1]) if number < len(pages) else reverse("assessment:safety")
            )
            return HttpResponseRedirect(target)
        status = HTTPStatus.BAD_REQUEST
    language = get_language()
    before = sum(len(p) for p in pages[: number - 1])
    questions = [
        {
            "id": item.id,
            "number": before + index,
            "text": item.text.get(language) or item.text["en"],
            "choices": scoring.answer_choices(instrument, item, language),
            "chosen": draft.answers.get(item.id),
            "missing": item.id in missing,
        }
        for index, item in enumerate(items, start=1)
    ]
    return render(
        request,
        "assessment/page.html",
        {
            "questions": questions,
            "number": number,
            "page_count": len(pages) + 1,
            "answered": len(draft.answers),
            "total": len(instrument.items),
            "first_shown": before + 1,
            "time_frame": instrument.time_frame.get(language) or instrument.time_frame.get("en", "")
            if instrument.time_frame
            else "",
            "last_shown": before + len(items),
            "missing": missing,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("submit")
def safety(request: HttpRequest) -> HttpResponse:
    draft = _draft(request)
    if draft is None:
        return _to_finished_report(request) or HttpResponseRedirect(reverse("assessment:start"))
    instrument = _instrument_of(draft)
    unanswered_page = _first_unanswered_page(instrument, draft.answers)
    if unanswered_page:
        return HttpResponseRedirect(reverse("assessment:page", args=[unanswered_page]))
    ids = [item.id for item in instrument.safety_items]
    missing: list[str] = []
    status = HTTPStatus.OK
    if request.method == "POST":
        try:
            given = _parse_answers(request.POST, instrument.safety_items, instrument)
        except AnswerError:
            return _problem(request, HTTPStatus.BAD_REQUEST, "bad_answer")
        if request.POST.get("nav") == "back":
            services.draft_record(token=draft.token, instrument=instrument, answers={}, safety=given)
            return HttpResponseRedirect(reverse("assessment:page", args=[len(_pages(instrument))]))
        missing = [i for i in ids if i not in given and i not in draft.safety_answers]
        if not missing:
            try:
                created = services.result_create(token=draft.token, instrument=instrument, safety=given)
            except services.DraftGone:
                return _problem(request, HTTPStatus.CONFLICT, "already_submitted")
            except AnswerError:
                return _problem(request, HTTPStatus.BAD_REQUEST, "bad_answer")
            response = HttpResponseRedirect(reverse("assessment:report", args=[created.report_token]) + "?new=1")
            response.delete_cookie(DRAFT_COOKIE, samesite="Lax")
            return _private(response)
        services.draft_record(token=draft.token, instrument=instrument, answers={}, safety=given)
        draft.refresh_from_db()
        status = HTTPStatus.BAD_REQUEST
    language = get_language()
    questions = [
        {
            "id": item.id,
            "number": index,
            "text": item.text.get(language) or item.text["en"],
            "choices": scoring.answer_choices(instrument, item, language),
            "chosen": draft.safety_answers.get(item.id),
            "missing": item.id in missing,
        }
        for index, item in enumerate(instrument.safety_items, start=1)
    ]
    return render(
        request,
        "assessment/safety.html",
        {
            "questions": questions,
            "intro": instrument.safety_intro.get(language) or instrument.safety_intro["en"],
            "page_count": len(_pages(instrument)) + 1,
            "answered": len(draft.answers),
            "total": len(instrument.items),
            "missing": missing,
        },
        status=status,
    )


# --- the private report ------------------------------------------------------------------------


def _result_for(token: str) -> Result:
    if not tokens.looks_like(token, tokens.REPORT_BYTES):
        raise Http404("No such report")
    result = Result.objects.filter(report_hash=tokens.token_hash(token)).first()
    if result is None:
        raise Http404("No such report")
    return result


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
    return reverse("assessment:report", args=[earlier])


@never_cache
def report(request: HttpRequest, token: str) -> HttpResponse:
    result = _result_for(token)
    language = get_language()
    context = selectors.report_context(
        result, language, request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
    from couples import selectors as couple_selectors

    invite_token = request.GET.get("invite", "")
    context.update(
        couple_invitations=couple_selectors.invitations_of(result),
        couple_pairings=couple_selectors.pairings_of(result),
        share_choice=couple_selectors.share_choice_for(result),
        previous_report_url=_previous_report_url(result, token),
        plan_key=tokens.token_hash("plan:" + result.report_hash)[:16],
        chart=selectors.chart_rows(context["view"]),
        plan_today=_plan_day(result),
        share_later=request.GET.get("share") == "later",
        new_invite_url=request.build_absolute_uri(reverse("couples:join", args=[invite_token]))
        if tokens.looks_like(invite_token, 24)
        else "",
        token=token,
        is_new=request.GET.get("new") == "1",
        report_url=request.build_absolute_uri(reverse("assessment:report", args=[token])),
        share_url=selectors.share_url(result),
        show_quick_exit=context["view"].safety_signal,
        mail_subject=_("My private communication pattern report"),
    )
    return _private(render(request, "assessment/report.html", context))


# The report's forms are on no-referrer pages, so browsers post them with `Origin: null`;
# core.csrf.private_form checks their CSRF token without refusing that origin.


@never_cache
@rate_limited("pdf", methods=("GET",))
def report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    result = _result_for(token)
    language = get_language()
    document = selectors.report_pdf_bytes(
        result, language, request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="communication-pattern-report.pdf"'
    return _private(response)


@private_form
@require_POST
def sharing(request: HttpRequest, token: str) -> HttpResponse:
    result = _result_for(token)
    try:
        services.result_set_sharing(
            result=result, enabled=request.POST.get("enabled") == "1", instrument=_instrument_of(result)
        )
    except services.SharingRefused:
        return _problem(request, HTTPStatus.FORBIDDEN, "sharing_refused")
    return _private(HttpResponseRedirect(reverse("assessment:report", args=[token]) + "#sharing"))


@private_form
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("delete")
def delete(request: HttpRequest, token: str) -> HttpResponse:
    result = _result_for(token)
    earlier = services.earlier_results(result)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            return _problem(request, HTTPStatus.BAD_REQUEST, "not_confirmed")
        removed = services.result_delete(result=result, with_earlier=request.POST.get("earlier") == "yes")
        counts = {"earlier": removed, "kept": len(earlier) - removed}
        query = "&".join(f"{name}={number}" for name, number in counts.items() if number)
        return _private(HttpResponseRedirect(reverse("assessment:deleted") + (f"?{query}" if query else "")))
    return _private(render(request, "assessment/delete.html", {"token": token, "earlier": earlier}))


@never_cache
def plan(request: HttpRequest, token: str) -> HttpResponse:
    """The 14-day plan on one printable page (not offered where the safety check signalled danger)."""
    result = _result_for(token)
    context = selectors.report_context(result, get_language(), None)
    if context["view"].safety_signal:
        raise Http404("No practice plan for this result")
    context.update(token=token, plan_today=_plan_day(result))
    return _private(render(request, "assessment/plan.html", context))


def my_results(request: HttpRequest) -> HttpResponse:
    """The list lives in this browser's storage only; the page itself is the same for everyone."""
    return render(request, "assessment/my_results.html")


def deleted(request: HttpRequest) -> HttpResponse:
    """Says exactly what went and what stayed; the counts in the address are all it knows."""

    def count(name: str) -> int:
        value = request.GET.get(name, "0")
        return int(value) if value.isascii() and value.isdigit() and len(value) < 3 else 0

    return _private(render(request, "assessment/deleted.html", {"earlier": count("earlier"), "kept": count("kept")}))


@private_form
@require_POST
@rate_limited("retake")
def retake(request: HttpRequest, token: str) -> HttpResponse:
    result = _result_for(token)
    existing = _draft(request)
    if existing is not None:
        existing.delete()
    draft = services.draft_start(
        instrument=registry.current_instrument(), language=get_language(), previous=result, previous_report_token=token
    )
    return _private(_with_draft_cookie(HttpResponseRedirect(reverse("assessment:page", args=[1])), draft))


# --- explaining the test -----------------------------------------------------------------------


def how_scoring_works(request: HttpRequest) -> HttpResponse:
    instrument = registry.current_instrument()
    language = get_language()
    return render(request, "assessment/how_scoring_works.html", selectors.scoring_context(instrument, language))


def support(request: HttpRequest) -> HttpResponse:
    """Not page-cached: the region may come from this visitor's browser language."""
    directory = registry.support_directory()
    language = get_language()
    region = directory.region_for(language, request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    response = render(
        request,
        "assessment/support.html",
        {
            "region": selectors.region_view(region, language, directory),
            "regions": selectors.region_links(directory, language),
            "reviewed": directory.verified,
            "show_quick_exit": True,
        },
    )
    response["Vary"] = "Accept-Language"
    response["Cache-Control"] = "private, no-cache"
    return response
