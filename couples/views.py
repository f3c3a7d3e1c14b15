"""Inviting a partner, their consent, and the joint report at each partner's own private address."""

from __future__ import annotations

from http import HTTPStatus

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assessment import registry
from assessment.http import DRAFT_COOKIE, private, result_for, with_draft_cookie
from assessment.models import Draft, Result
from core.csrf import private_form
from core.ratelimit import rate_limited
from core.templating import context_of

from . import selectors, services
from .models import Invitation, Pairing

OWN_INVITE_COOKIE = "rcw_own_invite"

# Forms on report and invitation pages are no-referrer pages: see core.csrf for how they are protected.


@private_form
@require_POST
@rate_limited("invite")
def invite(request: HttpRequest, token: str) -> HttpResponse:
    result = result_for(token)
    created = services.invitation_create(inviter=result)
    target = reverse("results:report", args=[token]) + f"?invite={created.token}#couple"
    response = private(HttpResponseRedirect(target))
    # Lets this browser recognise its own invitation if it opens the link itself.
    response.set_cookie(OWN_INVITE_COOKIE, created.invitation.token_hash, max_age=14 * 24 * 3600, httponly=True,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)  # fmt: skip
    return response


@private_form
@require_POST
def cancel(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    result = result_for(token)
    invitation = Invitation.objects.filter(pk=pk, inviter=result, cancelled__isnull=True).first()
    if invitation is None:
        raise Http404("No such invitation")
    services.invitation_cancel(invitation=invitation)
    return private(HttpResponseRedirect(reverse("results:report", args=[token]) + "#couple"))


UNUSABLE = {"unknown": HTTPStatus.NOT_FOUND, "expired": HTTPStatus.GONE, "used": HTTPStatus.GONE,
            "cancelled": HTTPStatus.GONE, "own": HTTPStatus.BAD_REQUEST}  # fmt: skip


@private_form
@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited("invite")
def join(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_find(token)
        if request.COOKIES.get(OWN_INVITE_COOKIE) == invitation.token_hash:
            raise services.InvitationUnusable("own")
        if request.method == "POST":
            if request.POST.get("consent") != "yes":
                return private(
                    render(request, "couples/join.html", {"token": token, "missing_consent": True}, status=400)
                )
            instrument = registry.instrument_for(invitation.instrument, invitation.version)
            # A test this browser had started on its own gives way to the invited one.
            existing = Draft.objects.filter(token=request.COOKIES.get(DRAFT_COOKIE, ""), invitation__isnull=True)
            draft = services.invitation_accept(
                token=token, instrument=instrument, language=get_language(), replaces=existing.first()
            )
            return private(with_draft_cookie(HttpResponseRedirect(reverse("assessment:page", args=[1])), draft))
    except services.InvitationUnusable as unusable:
        return private(
            render(request, "couples/unusable.html", {"reason": unusable.reason}, status=UNUSABLE[unusable.reason])
        )
    return private(render(request, "couples/join.html", {"token": token}))


def _pairing_for(token: str, pk: int) -> tuple[Pairing, Result]:
    result = result_for(token)
    pairing = Pairing.objects.select_related("inviter", "partner").filter(pk=pk, shared=True).first()
    if pairing is None or result.pk not in (pairing.inviter_id, pairing.partner_id):
        raise Http404("No such joint report")
    return pairing, result


@private_form
@require_POST
def share(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """The invited partner's choice, made on their own report after seeing their result first."""
    result = result_for(token)
    pairing = Pairing.objects.filter(pk=pk, partner=result, shared=False).first()
    if pairing is None:
        raise Http404("Nothing to share")
    report = reverse("results:report", args=[token])
    if request.POST.get("choice") != "share":
        return private(HttpResponseRedirect(report + "?share=later#couple"))
    try:
        services.pairing_share(pairing=pairing)
    except services.ShareClosed:
        return private(render(request, "couples/unusable.html", {"reason": "cancelled"}, status=HTTPStatus.GONE))
    return private(HttpResponseRedirect(reverse("couples:joint", args=[token, pairing.pk])))


@never_cache
def joint(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    pairing, result = _pairing_for(token, pk)
    page = selectors.joint_page(
        pairing, result, get_language(), request.GET.get("region"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
    # The quick exit shows where the viewer's own answers signalled danger.
    return private(render(request, "couples/joint.html", context_of(page, token=token, show_quick_exit=page.unsafe)))


@private_form
@require_POST
def end(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    pairing, _ = _pairing_for(token, pk)
    services.pairing_end(pairing=pairing)
    return private(HttpResponseRedirect(reverse("results:report", args=[token]) + "#couple"))
