from __future__ import annotations

import io
import logging
import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache

from core.cache import forget_local_version
from core.logging import RedactPrivate
from tests.factories import make_site
from wiki.content.repository import SiteContent, read_content
from wiki.models import Article
from wiki.services import content_apply


@pytest.fixture(scope="session")
def bundled_site() -> SiteContent:
    """The project's own content/, read once per test session."""
    site, problems = read_content(Path(settings.CONTENT_DIR))
    assert not problems, "\n".join(map(str, problems))
    return site


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any, bundled_site: SiteContent) -> None:
    """The bundled content is loaded into the test database once for the whole session."""
    with django_db_blocker.unblock():
        content_apply(site=bundled_site)


@pytest.fixture
def site_content(db: None, bundled_site: SiteContent) -> SiteContent:
    # Each test runs in a transaction that is rolled back, so the content loaded at the start of
    # the session is still there; only a test on a transactional database empties the tables.
    if not Article.objects.exists():
        content_apply(site=bundled_site)
    return bundled_site


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "content")


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cache.clear()
    forget_local_version()


# In CI (CI=true) a skipped test fails unless its reason is one CI expects: a skip there would
# let the suite pass without what it skipped (PostgreSQL, Redis, nginx, Chromium...).
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
EXPECTED_SKIPS_IN_CI = ("the seed page lives in ../shared/seed",)  # not part of a checkout


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if IN_CI and report.skipped and not any(reason in str(report.longrepr) for reason in EXPECTED_SKIPS_IN_CI):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be: {report.longrepr}"
    return report


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """What the site's own log handler writes (after its redaction filter), not what pytest captures."""
    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, RedactPrivate) for f in h.filters))
    buffer = io.StringIO()
    previous = handler.setStream(buffer)  # type: ignore[attr-defined]
    yield buffer
    handler.setStream(previous)  # type: ignore[attr-defined]
