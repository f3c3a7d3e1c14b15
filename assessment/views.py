"""Taking the test, the private report, and the pages that explain the test.

Views parse the request, call one service or selector, and render. Every page works as a
plain HTML form; site.js only makes it nicer.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from base.languages import pick_text
from core.ratelimit import rate_limited
from core.templating import context_of

from . import presentation, registry, scoring, selectors, services
from .http import (
    DRAFT_COOKIE,
    draft_of,
    instrument_of,
    private,
    problem,
    to_finished_report,
    with_draft_cookie,
)
from .instrument import Instrument, Item, SafetyItem
from .scoring import AnswerError

MINUTES = 8


# --- helpers ------------------------------------------------------------------------------------


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
    draft = draft_of(request)
    language = get_language()
    return render(
        request,
        "assessment/start.html",
        {
            "title": pick_text(instrument.title, language),
            "intro": pick_text(instrument.intro, language),
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
    draft = draft_of(request)
    if draft is not None and request.POST.get("action") == "continue":
        instrument = instrument_of(draft)
        page = presentation.first_unanswered_page(instrument, draft.answers)
        target = reverse("assessment:page", args=[page]) if page else reverse("assessment:safety")
        return HttpResponseRedirect(target)
    draft = services.draft_start(instrument=registry.current_instrument(), language=get_language(), replaces=draft)
    return with_draft_cookie(HttpResponseRedirect(reverse("assessment:page", args=[1])), draft)


@never_cache
@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, number: int) -> HttpResponse:
    draft = draft_of(request)
    if draft is None:
        return to_finished_report(request) or HttpResponseRedirect(reverse("assessment:start"))
    instrument = instrument_of(draft)
    pages = presentation.pages(instrument)
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
            return problem(request, HTTPStatus.BAD_REQUEST, "bad_answer")
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
    questions = presentation.questions(instrument, items, language, draft.answers, missing, first_number=before + 1)
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
            "time_frame": pick_text(instrument.time_frame, language) if instrument.time_frame else "",
            "last_shown": before + len(items),
            "missing": missing,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("submit")
def safety(request: HttpRequest) -> HttpResponse:
    draft = draft_of(request)
    if draft is None:
        return to_finished_report(request) or HttpResponseRedirect(reverse("assessment:start"))
    instrument = instrument_of(draft)
    unanswered_page = presentation.first_unanswered_page(instrument, draft.answers)
    if unanswered_page:
        return HttpResponseRedirect(reverse("assessment:page", args=[unanswered_page]))
    ids = [item.id for item in instrument.safety_items]
    missing: list[str] = []
    status = HTTPStatus.OK
    if request.method == "POST":
        try:
            given = _parse_answers(request.POST, instrument.safety_items, instrument)
        except AnswerError:
            return problem(request, HTTPStatus.BAD_REQUEST, "bad_answer")
        if request.POST.get("nav") == "back":
            services.draft_record(token=draft.token, instrument=instrument, answers={}, safety=given)
            return HttpResponseRedirect(reverse("assessment:page", args=[len(presentation.pages(instrument))]))
        missing = [i for i in ids if i not in given and i not in draft.safety_answers]
        if not missing:
            try:
                created = services.result_create(token=draft.token, instrument=instrument, safety=given)
            except services.DraftGone:
                return problem(request, HTTPStatus.CONFLICT, "already_submitted")
            except AnswerError:
                return problem(request, HTTPStatus.BAD_REQUEST, "bad_answer")
            response = HttpResponseRedirect(reverse("results:report", args=[created.report_token]) + "?new=1")
            response.delete_cookie(DRAFT_COOKIE, samesite="Lax")
            return private(response)
        services.draft_record(token=draft.token, instrument=instrument, answers={}, safety=given)
        draft.refresh_from_db()
        status = HTTPStatus.BAD_REQUEST
    language = get_language()
    questions = presentation.questions(instrument, instrument.safety_items, language, draft.safety_answers, missing)
    return render(
        request,
        "assessment/safety.html",
        {
            "questions": questions,
            "intro": pick_text(instrument.safety_intro, language),
            "page_count": len(presentation.pages(instrument)) + 1,
            "answered": len(draft.answers),
            "total": len(instrument.items),
            "missing": missing,
        },
        status=status,
    )


# --- the private report ------------------------------------------------------------------------


def how_scoring_works(request: HttpRequest) -> HttpResponse:
    instrument = registry.current_instrument()
    language = get_language()
    return render(
        request, "assessment/how_scoring_works.html", context_of(selectors.scoring_page(instrument, language))
    )
