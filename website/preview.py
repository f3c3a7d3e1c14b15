"""The editors' preview (`make dev`): reload content/ when a file changes, show problems on the page.

Active only with DEBUG on. Each request compares the content folder's newest modification time
with the last load; when a file changed it runs `content load` before answering. If the content
has a problem, the page lists every problem with file and line instead of crashing, and the
site keeps showing the last good content once the problem is fixed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from wiki.services import ContentInvalid, content_load

from .content_check import check_all

_lock = threading.Lock()


def newest_change(root: Path) -> float:
    times = [path.stat().st_mtime for path in root.rglob("*") if path.is_file()]
    times.append(root.stat().st_mtime)
    times += [path.stat().st_mtime for path in root.rglob("*") if path.is_dir()]
    return max(times)


class ContentPreviewMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.DEBUG:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.root = Path(settings.CONTENT_DIR)
        self.loaded_at = 0.0

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(settings.STATIC_URL):
            with _lock:
                changed = newest_change(self.root)
                if changed > self.loaded_at:
                    _, problems = check_all(self.root)
                    try:
                        if problems:
                            raise ContentInvalid(problems)
                        content_load(root=self.root)
                    except ContentInvalid as invalid:
                        html = render_to_string("wiki/preview_problems.html", {"problems": invalid.problems})
                        return HttpResponse(html, status=500)
                    self.loaded_at = changed
        return self.get_response(request)
