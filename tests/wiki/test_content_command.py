from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import write_article


def test_check_passes_on_valid_content(small_site: Path) -> None:
    out = StringIO()
    call_command("content", "check", path=str(small_site), stdout=out)
    assert "content is valid: 2 articles (4 documents)" in out.getvalue()


def test_check_fails_with_file_and_line(small_site: Path) -> None:
    write_article(small_site, "first-article", "en", 1, written="soon")
    err = StringIO()
    with pytest.raises(CommandError, match="problem"):
        call_command("content", "check", path=str(small_site), stderr=err)
    assert "content/articles/first-article/en.md:" in err.getvalue()
    assert "'written' must be a date" in err.getvalue()


@pytest.mark.django_db
def test_load_reports_what_it_did(small_site: Path) -> None:
    out = StringIO()
    call_command("content", "load", path=str(small_site), stdout=out)
    assert "created: article first-article" in out.getvalue()
    assert "created: first-article (zh-hans)" in out.getvalue()
    out = StringIO()
    call_command("content", "load", path=str(small_site), stdout=out)
    assert "0 created, 0 updated, 0 deleted, 4 unchanged" in out.getvalue()
