"""The pages of "Yes, maybe, no, together". Views parse the request, call one service or selector, render.

Private addresses appear only in the addresses of pages that are read (GET); every form sends the
address in its body instead, to an address without one, so that no server log line (a refused
CSRF check, a bad request) ever holds it. Pages that show a private address are sent with
no-referrer, noindex and private, no-store, and their own 4xx responses are not logged by path.
Every page works as a plain HTML form; site.js only adds the private notes and a copy button.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from assessment import tokens
from core.csrf import private_form
from core.ratelimit import rate_limited

from . import selectors, services
from .items import Item
from .models import TOKEN_BYTES, Side, TogetherList

OWN_INVITATION_COOKIE = "rcw_own_together"


# --- helpers --------------------------------------------------------------------------------------


def _private(response: HttpResponse) -> HttpResponse:
    """Never cached by shared caches, never indexed, never leaks its address; 4xx not logged by path."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    if response.status_code >= HTTPStatus.BAD_REQUEST:
        # Django logs every 4xx with the request's path; here the path may be a private address.
        response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = HTTPStatus.OK) -> HttpResponse:
    return _private(render(request, f"together/{template}", {"show_quick_exit": True, **context}, status=status))


PROBLEMS: dict[str, tuple[Any, Any]] = {
    "bad_group": (
        _("That part of the list does not exist"),
        _("Nothing was saved. Go back to your list and choose a part from there."),
    ),
    "locked": (
        _("Your answers are locked"),
        _(
            "You have both finished, so answers can no longer change. To answer again, you both "
            "need to choose a new round. Nothing was changed."
        ),
    ),
    "incomplete": (
        _("Some items still need an answer"),
        _("Nothing was changed. Answer every item in each part of your list, then finish."),
    ),
    "not_finished": (
        _("That is possible once you have both finished"),
        _("Nothing was changed."),
    ),
    "not_allowed": (
        _("Your partner has already joined"),
        _("An invitation is needed only until your partner joins. Nothing was changed."),
    ),
    "not_confirmed": (
        _("The list was not ended"),
        _("To end it, tick the box that says you understand it will be deleted for both of you."),
    ),
    "bad_choice": (
        _("That choice could not be read"),
        _("Nothing was changed. Go back to your list and choose again."),
    ),
}


def _problem(request: HttpRequest, status: int, kind: str, token: str = "") -> HttpResponse:
    title, message = PROBLEMS[kind]
    return _page(request, "problem.html", {"title": title, "message": message, "token": token}, status)


def _gone(request: HttpRequest, token: str) -> HttpResponse:
    """An unknown address and an ended list look the same: after an ending nothing is left to tell."""
    key = selectors.notes_key(token) if tokens.looks_like(token, TOKEN_BYTES) else ""
    return _page(request, "gone.html", {"forget_key": key}, HTTPStatus.NOT_FOUND)


def _read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages at private addresses: GET only, and a refused method is not logged with the path."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=HTTPStatus.METHOD_NOT_ALLOWED)
            response["Allow"] = "GET, HEAD"
            return _private(response)
        return never_cache(view)(request, *args, **kwargs)

    return wrapper


def _list_url(token: str, fragment: str = "") -> str:
    return reverse("together:list", args=[token]) + (f"#{fragment}" if fragment else "")


def _level(value: str | None, up_to: int | None = None) -> int | None:
    allowed = {str(rank): rank for rank in selectors.item_set().levels if up_to is None or rank <= up_to}
    return allowed.get(value or "")


def _posted_side(request: HttpRequest) -> tuple[str, Side | None]:
    token = request.POST.get("token", "")
    return token, selectors.side_for(token)


# --- starting ---------------------------------------------------------------------------------------


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    language = get_language()
    return _page(request, "start.html", {"levels": selectors.levels(language)})


@private_form
@require_POST
@rate_limited("together")
def create(request: HttpRequest) -> HttpResponse:
    level = _level(request.POST.get("level"))
    adult = request.POST.get("adult") == "yes"
    if level is None or not adult:
        context = {
            "levels": selectors.levels(get_language()),
            "chosen": request.POST.get("level", ""),
            "missing_level": level is None,
            "missing_adult": not adult,
        }
        return _page(request, "start.html", context, HTTPStatus.BAD_REQUEST)
    entered = services.list_start(level=level)
    return _private(HttpResponseRedirect(reverse("together:list", args=[entered.token]) + "?new=1"))


# --- a side's own pages ---------------------------------------------------------------------------------


@_read_only
def side(request: HttpRequest, token: str) -> HttpResponse:
    found = selectors.side_for(token)
    if found is None:
        return _gone(request, token)
    language = get_language()
    context: dict[str, Any] = {"token": token, "notes_key": selectors.notes_key(token)}
    if found.together.locked:
        context["page"] = selectors.matches_page(found, language)
        return _page(request, "matches.html", context)
    invite = selectors.shown_invitation(found.together, request.GET.get("invite", ""))
    context.update(
        overview=selectors.overview(found, language),
        is_new=request.GET.get("new") == "1",
        list_url=request.build_absolute_uri(_list_url(token)),
        invite_url=request.build_absolute_uri(reverse("together:join", args=[invite])) if invite else "",
    )
    return _page(request, "list.html", context)


@_read_only
def group(request: HttpRequest, token: str, group_id: str) -> HttpResponse:
    found = selectors.side_for(token)
    if found is None:
        return _gone(request, token)
    if found.together.locked:
        return _private(HttpResponseRedirect(_list_url(token)))
    page = selectors.answer_page(found, group_id, get_language())
    if page is None:
        return _problem(request, HTTPStatus.NOT_FOUND, "bad_group", token)
    return _page(request, "answer.html", {"token": token, "notes_key": selectors.notes_key(token), "page": page})


@private_form
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    token, found = _posted_side(request)
    if found is None:
        return _gone(request, token)
    group_id = request.POST.get("group", "")
    in_group = selectors.group_items(found.together, group_id)
    if in_group is None:
        return _problem(request, HTTPStatus.BAD_REQUEST, "bad_group", token)
    if found.together.locked:
        return _problem(request, HTTPStatus.CONFLICT, "locked", token)
    items: list[Item] = in_group[1]
    try:
        answers = selectors.read_answers(request.POST, items)
    except selectors.BadAnswers as bad:
        page = selectors.answer_page(found, group_id, get_language(), chosen=bad.chosen, missing=bad.missing)
        context = {"token": token, "notes_key": selectors.notes_key(token), "page": page, "errors": True}
        return _page(request, "answer.html", context, HTTPStatus.BAD_REQUEST)
    try:
        services.answers_save(side=found, answers=answers)
    except services.Locked:
        return _problem(request, HTTPStatus.CONFLICT, "locked", token)
    page = selectors.answer_page(found, group_id, get_language())
    if request.POST.get("nav") == "next" and page is not None and page.next_group:
        return _private(HttpResponseRedirect(reverse("together:group", args=[token, page.next_group])))
    return _private(HttpResponseRedirect(_list_url(token, "progress")))


@private_form
@require_POST
def finish(request: HttpRequest) -> HttpResponse:
    token, found = _posted_side(request)
    if found is None:
        return _gone(request, token)
    item_ids = [item.id for item in selectors.item_set().up_to(found.together.level)]
    try:
        services.side_finish(side=found, item_ids=item_ids)
    except services.Incomplete:
        return _problem(request, HTTPStatus.BAD_REQUEST, "incomplete", token)
    except services.Locked:
        return _problem(request, HTTPStatus.CONFLICT, "locked", token)
    return _private(HttpResponseRedirect(_list_url(token)))


def _request_view(service: Callable[..., bool], yes: str) -> Callable[[HttpRequest], HttpResponse]:
    """A partner's wish that takes effect only when both have made it (new round, keep longer)."""

    @private_form
    @require_POST
    def view(request: HttpRequest) -> HttpResponse:
        token, found = _posted_side(request)
        if found is None:
            return _gone(request, token)
        choice = request.POST.get("choice")
        if choice not in (yes, "withdraw"):
            return _problem(request, HTTPStatus.BAD_REQUEST, "bad_choice", token)
        try:
            service(side=found, wanted=choice == yes)
        except services.NotLocked:
            return _problem(request, HTTPStatus.CONFLICT, "not_finished", token)
        return _private(HttpResponseRedirect(_list_url(token, "together-next")))

    return view


new_round = _request_view(services.round_request, "start")
keep = _request_view(services.keep_request, "keep")


# --- ending -------------------------------------------------------------------------------------------------


@private_form
@require_POST
def end(request: HttpRequest) -> HttpResponse:
    token, found = _posted_side(request)
    if found is None:
        return _gone(request, token)
    if request.POST.get("confirm") != "yes":
        return _problem(request, HTTPStatus.BAD_REQUEST, "not_confirmed", token)
    services.list_end(side=found)
    return _private(HttpResponseRedirect(reverse("together:ended")))


@private_form
@require_POST
def pressured(request: HttpRequest) -> HttpResponse:
    """ "I feel pressured to do this": ends the list exactly as an ordinary ending does, then support.

    Nothing records which way a list ended. If the list is already gone, support is shown anyway:
    nobody who asks for it is turned away.
    """
    _, found = _posted_side(request)
    if found is not None:
        services.list_end(side=found)
        return _private(HttpResponseRedirect(reverse("together:left")))
    invitation = request.POST.get("invitation", "")
    if invitation:
        try:
            services.list_decline(invitation=invitation)
        except services.InvitationUnusable:
            pass
        else:
            return _private(HttpResponseRedirect(reverse("together:left")))
    return _page(request, "left.html", {}, HTTPStatus.NOT_FOUND)


@require_safe
def ended(request: HttpRequest) -> HttpResponse:
    return _page(request, "ended.html", {})


@require_safe
def left(request: HttpRequest) -> HttpResponse:
    return _page(request, "left.html", {})


# --- inviting and joining -------------------------------------------------------------------------------


@private_form
@require_POST
@rate_limited("together")
def invite(request: HttpRequest) -> HttpResponse:
    token, found = _posted_side(request)
    if found is None:
        return _gone(request, token)
    try:
        invitation = services.invitation_create(side=found)
    except services.NotAllowed:
        return _problem(request, HTTPStatus.CONFLICT, "not_allowed", token)
    response = HttpResponseRedirect(reverse("together:list", args=[token]) + f"?invite={invitation}#invite")
    # Lets this browser recognise its own invitation if it opens the link itself.
    response.set_cookie(OWN_INVITATION_COOKIE, tokens.token_hash(invitation), max_age=14 * 24 * 3600, httponly=True,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)  # fmt: skip
    return _private(response)


UNUSABLE = {"unknown": HTTPStatus.NOT_FOUND, "expired": HTTPStatus.GONE, "own": HTTPStatus.BAD_REQUEST}


def _invitation(request: HttpRequest, invitation: str) -> TogetherList | HttpResponse:
    """The invited list, or the page that says why the link cannot be used."""
    try:
        together = services.invitation_find(invitation)
    except services.InvitationUnusable as unusable:
        return _page(request, "unusable.html", {"reason": unusable.reason}, UNUSABLE[unusable.reason])
    if request.COOKIES.get(OWN_INVITATION_COOKIE) == together.invitation_hash:
        return _page(request, "unusable.html", {"reason": "own"}, UNUSABLE["own"])
    return together


def _join_context(invitation: str, level: int, **extra: Any) -> dict[str, Any]:
    language = get_language()
    return {
        "invitation": invitation,
        "their_level": selectors.level_view(level, language),
        "levels": selectors.levels(language, up_to=level),
        **extra,
    }


@_read_only
def join(request: HttpRequest, invitation: str) -> HttpResponse:
    found = _invitation(request, invitation)
    if isinstance(found, HttpResponse):
        return found
    return _page(request, "join.html", _join_context(invitation, found.level))


@private_form
@require_POST
@rate_limited("together")
def accept(request: HttpRequest) -> HttpResponse:
    invitation = request.POST.get("invitation", "")
    found = _invitation(request, invitation)
    if isinstance(found, HttpResponse):
        return found
    level = _level(request.POST.get("level"), up_to=found.level)
    consent = request.POST.get("consent") == "yes"
    adult = request.POST.get("adult") == "yes"
    if level is None or not consent or not adult:
        context = _join_context(
            invitation,
            found.level,
            chosen=request.POST.get("level", ""),
            missing_level=level is None,
            missing_consent=not consent,
            missing_adult=not adult,
        )
        return _page(request, "join.html", context, HTTPStatus.BAD_REQUEST)
    try:
        entered = services.list_join(invitation=invitation, level=level)
    except services.InvitationUnusable as unusable:
        return _page(request, "unusable.html", {"reason": unusable.reason}, UNUSABLE[unusable.reason])
    return _private(HttpResponseRedirect(reverse("together:list", args=[entered.token]) + "?new=1"))


@private_form
@require_POST
def decline(request: HttpRequest) -> HttpResponse:
    invitation = request.POST.get("invitation", "")
    try:
        services.list_decline(invitation=invitation)
    except services.InvitationUnusable as unusable:
        return _page(request, "unusable.html", {"reason": unusable.reason}, UNUSABLE[unusable.reason])
    return _private(HttpResponseRedirect(reverse("together:ended")))
