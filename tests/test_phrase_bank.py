from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import Client
from django.utils.html import escape

from phrases import selectors
from phrases.selectors import PAGE_SIZE
from wiki.content.repository import SiteContent
from wiki.content.schema import SITUATIONS

pytestmark = pytest.mark.django_db


def test_bank_reaches_every_phrase_of_every_article(client: Client, site_content: SiteContent) -> None:
    # The first page shows a few of each situation; every phrase is on a page of its situation.
    phrases = [p for docs in site_content.articles.values() for p in docs["en"].phrases]
    assert len(phrases) >= 150
    found = 0
    for situation in SITUATIONS:
        page = 1
        while True:
            html = client.get("/en/phrases/", {"situation": situation, "page": str(page)}).content.decode()
            found += html.count('class="copy-button"')
            if f'name="page" value="{page + 1}"' not in html:
                break
            page += 1
    assert found == len(phrases)


def test_bank_filters_by_situation_with_a_plain_form(client: Client, site_content: SiteContent) -> None:
    html = client.get("/zh-hans/phrases/?situation=pause").content.decode()
    expected = [p for docs in site_content.articles.values() for p in docs["zh-hans"].phrases if p.situation == "pause"]
    assert html.count('class="copy-button"') == min(len(expected), PAGE_SIZE) > 0
    assert 'name="situation" value="pause" checked' in html
    assert "请求暂停" in html


def test_bank_filters_by_several_situations_and_words(client: Client, site_content: SiteContent) -> None:
    phrases = [p for docs in site_content.articles.values() for p in docs["en"].phrases]
    wanted = [p for p in phrases if p.situation in ("pause", "repairing") and "sorry" in f"{p.text} {p.when}".lower()]
    response = client.get("/en/phrases/", {"situation": ["pause", "repairing"], "q": "Sorry"})
    html = response.content.decode()
    assert 0 < len(wanted) <= PAGE_SIZE
    assert html.count('class="copy-button"') == len(wanted)
    assert response["Cache-Control"] == "private, no-cache"  # a reader's own words stay out of shared caches


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


def test_picks_are_ids_kept_in_order_without_repeats() -> None:
    raw = ["repair-and-apology-phrase-2", "<script>", "repair-and-apology-phrase-2", "a-phrase-1", "x" * 300]
    assert selectors.clean_picks(raw) == ["repair-and-apology-phrase-2", "a-phrase-1"]
    assert len(selectors.clean_picks(f"a-phrase-{n}" for n in range(500))) == selectors.MAX_PICKS


def test_a_page_says_when_its_first_situation_began_on_the_page_before() -> None:
    def item(situation: str, n: int) -> selectors.PhraseCard:
        return selectors.PhraseCard(f"text {n}", "", situation, situation, "A", "/a/", f"phrase-{n}", f"a-phrase-{n}")

    items = [item("declining", n) for n in range(5)] + [item("pause", n) for n in range(5, 8)]
    first, second = selectors.bank_page(items, 1, page_size=4), selectors.bank_page(items, 2, page_size=4)
    assert [(g.situation, len(g.phrases), g.count, g.continued) for g in first.groups] == [("declining", 4, 5, False)]
    assert [(g.situation, len(g.phrases), g.count, g.continued) for g in second.groups] == [
        ("declining", 1, 5, True),
        ("pause", 3, 3, False),
    ]
    assert second.pages == 2 and selectors.bank_page(items, 99, page_size=4).page == 2


def test_the_sheet_lists_the_picked_phrases_in_order(client: Client, site_content: SiteContent) -> None:
    slug = next(iter(site_content.articles))
    picks = [f"{slug}-phrase-2", f"{slug}-phrase-1", "no-such-phrase-9"]
    response = client.get("/en/phrases/sheet/", {"pick": picks})
    html = response.content.decode()
    texts = [p.text for p in site_content.articles[slug]["en"].phrases]
    assert html.index(escape(texts[1])) < html.index(escape(texts[0]))
    assert html.count('name="pick"') == 2
    assert response["Cache-Control"] == "private, no-cache"
