"""CSRF protection for forms on pages sent with `Referrer-Policy: no-referrer`.

Browsers post such forms with `Origin: null`, which Django's origin check refuses, so these views
once skipped CSRF protection and relied on the secret in their address. That is not enough where
the attacker is the one who knows the secret (an inviter and their own invitation link, or their
own report's "retake" address). Here the origin check accepts `null` only when the browser does
not say the request came from another site, and the token check (cookie + form field) always runs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.csrf import csrf_exempt

CROSS_SITE = {"cross-site", "same-site"}


class PrivatePageCsrfMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META.get("HTTP_ORIGIN") == "null":
            return str(request.META.get("HTTP_SEC_FETCH_SITE", "")) not in CROSS_SITE
        verified: bool = super()._origin_verified(request)  # type: ignore[misc]
        return verified


_protect = decorator_from_middleware(PrivatePageCsrfMiddleware)


def private_form(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Protect a view whose form lives on a no-referrer page (instead of the global check)."""
    protected: Callable[..., HttpResponse] = _protect(view)  # type: ignore[assignment]
    exempt: Callable[..., HttpResponse] = csrf_exempt(protected)
    return exempt
