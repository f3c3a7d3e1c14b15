from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.factories import write_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def preview(small_site: Path) -> Iterator[Path]:
    with override_settings(DEBUG=True, CONTENT_DIR=small_site):
        yield small_site


def test_preview_loads_content_on_the_first_request(preview: Path, client: Client) -> None:
    response = client.get("/en/articles/first-article/")
    assert response.status_code == HTTPStatus.OK
    assert "Test article 1" in response.content.decode()


def test_preview_shows_an_edit_on_the_next_load(preview: Path, client: Client) -> None:
    client.get("/en/articles/first-article/")
    path = write_article(preview, "first-article", "en", 1, title="Edited while previewing")
    stat = path.stat()
    import os

    os.utime(path, (stat.st_atime, stat.st_mtime + 5))
    assert "Edited while previewing" in client.get("/en/articles/first-article/").content.decode()


def test_preview_shows_problems_with_file_and_line(preview: Path, client: Client) -> None:
    path = write_article(preview, "first-article", "en", 1, written="tomorrow")
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "content/articles/first-article/en.md:" in html
    assert "&#x27;written&#x27; must be a date" in html
    assert path.exists()
