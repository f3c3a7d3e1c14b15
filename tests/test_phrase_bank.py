from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import Client

from wiki.content.repository import SiteContent
from wiki.content.schema import SITUATIONS

pytestmark = pytest.mark.django_db


def test_bank_lists_every_phrase_of_every_article(client: Client, site_content: SiteContent) -> None:
    html = client.get("/en/phrases/").content.decode()
    phrases = [p for docs in site_content.articles.values() for p in docs["en"].phrases]
    assert len(phrases) >= 150
    assert html.count('class="copy-button"') == len(phrases)


def test_bank_filters_by_situation_as_plain_links(client: Client, site_content: SiteContent) -> None:
    html = client.get("/zh-hans/phrases/?situation=pause").content.decode()
    expected = [p for docs in site_content.articles.values() for p in docs["zh-hans"].phrases if p.situation == "pause"]
    assert html.count('class="copy-button"') == len(expected) > 0
    assert 'href="?situation=pause" aria-current="page"' in html
    assert "请求暂停" in html


def test_each_phrase_links_to_its_place_in_the_article(client: Client, site_content: SiteContent) -> None:
    html = client.get("/en/phrases/?situation=hearing-no").content.decode()
    assert 'href="/en/articles/hearing-no-without-rejection/#phrase-' in html


def test_unknown_situation_is_a_clear_400_showing_all_phrases(client: Client, site_content: SiteContent) -> None:
    response = client.get("/en/phrases/?situation=<script>")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert "That situation does not exist" in html
    assert "<script>" not in html.split("</head>", 1)[1].replace('<script type="application/ld+json">', "")


def test_every_situation_has_phrases_in_both_languages(site_content: SiteContent) -> None:
    for language in ("en", "zh-hans"):
        found = {p.situation for docs in site_content.articles.values() for p in docs[language].phrases}
        assert found == set(SITUATIONS), language
