"""The reader's pages, in both languages, against the bundled content."""

from __future__ import annotations

import json
import re
from http import HTTPStatus

import pytest
from django.test import Client

from wiki.content.repository import SiteContent

pytestmark = pytest.mark.django_db

FLAGSHIP = "sexual-safety-after-no"


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def test_root_redirects_chinese_readers_to_chinese(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/zh-hans/"
    assert "Accept-Language" in response["Vary"]


def test_root_redirects_everyone_else_to_english(client: Client) -> None:
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/en/"


def test_article_page_shows_every_part_in_order(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, f"/en/articles/{FLAGSHIP}/")
    doc = site_content.articles[FLAGSHIP]["en"]
    markers = [
        f"<h1>{doc.title}</h1>",
        'class="summary"',
        "Reading time",
        "words</dd>",
        "Clinical review",
        'class="toc"',
        'id="problem"',
        'id="concepts"',
        'id="steps"',
        'id="cases"',
        'id="practice"',
        'id="conclusion"',
        'id="phrases"',
        'id="faq"',
        'id="references"',
        "Related articles",
    ]
    positions = [html.find(marker) for marker in markers]
    assert all(p >= 0 for p in positions), dict(zip(markers, positions, strict=True))
    assert positions == sorted(positions)


def test_article_page_lists_every_phrase_with_a_copy_button(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, f"/en/articles/{FLAGSHIP}/")
    phrases = site_content.articles[FLAGSHIP]["en"].phrases
    assert html.count('class="copy-button"') == len(phrases)
    hidden = re.findall(r'<button type="button" class="copy-button" data-copy="[^"]+" hidden>', html)
    assert len(hidden) == len(phrases), "buttons stay hidden until JavaScript can copy"


def test_faq_is_published_as_schema_org_faqpage(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, f"/zh-hans/articles/{FLAGSHIP}/")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert raw
    data = json.loads(raw.group(1))
    faq = site_content.articles[FLAGSHIP]["zh-hans"].faq
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [entry.question for entry in faq]


def test_chinese_article_counts_characters(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, f"/zh-hans/articles/{FLAGSHIP}/")
    count = site_content.articles[FLAGSHIP]["zh-hans"].word_count
    shown = re.search(r"<dd>([\d,]+) 字</dd>", html)
    assert shown and int(shown.group(1).replace(",", "")) == count
    assert "可以直接复制的话" in html and "常见问题" in html


def test_language_switcher_links_to_the_same_article(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, f"/en/articles/{FLAGSHIP}/")
    assert f'<a href="/zh-hans/articles/{FLAGSHIP}/" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>' in html


def test_canonical_and_hreflang_links(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, f"/en/articles/{FLAGSHIP}/")
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/en/articles/{FLAGSHIP}/">' in html
    assert f'hreflang="zh-Hans" href="http://127.0.0.1:8000/zh-hans/articles/{FLAGSHIP}/"' in html
    assert '<meta property="og:type" content="article">' in html


def test_article_missing_in_one_language_says_so_and_links_the_other(client: Client, site_content: SiteContent) -> None:
    from wiki.models import ArticleTranslation

    ArticleTranslation.objects.filter(article__slug=FLAGSHIP, language="zh-hans").delete()
    response = client.get(f"/zh-hans/articles/{FLAGSHIP}/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "这篇文章还没有中文版" in html
    assert f'href="/en/articles/{FLAGSHIP}/"' in html
    assert 'name="robots" content="noindex"' in html


def test_unknown_article_is_a_404_in_the_readers_language(client: Client, site_content: SiteContent) -> None:
    response = client.get("/zh-hans/articles/no-such-thing/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "没有找到这个页面" in response.content.decode()


def test_home_shows_categories_featured_articles_and_safety(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, "/en/")
    for category in site_content.categories:
        assert category.names["en"] in html
    assert "Recently updated" in html
    assert "/en/articles/when-its-not-communication/" in html


def test_index_lists_every_article(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, "/zh-hans/articles/")
    for slug, documents in site_content.articles.items():
        assert f'href="/zh-hans/articles/{slug}/"' in html
        assert documents["zh-hans"].title in html


def test_category_page_lists_only_its_articles(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, "/en/categories/conflict/").split("<main", 1)[1].split("</main>", 1)[0]
    for slug, documents in site_content.articles.items():
        present = f'href="/en/articles/{slug}/"' in html
        assert present == (documents["en"].category == "conflict"), slug


def test_unknown_category_is_a_404(client: Client, site_content: SiteContent) -> None:
    assert client.get("/en/categories/nothing/").status_code == HTTPStatus.NOT_FOUND


def test_glossary_lists_each_concept_with_the_articles_using_it(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, "/en/glossary/")
    entry = site_content.glossary["secure-base"]
    assert 'id="secure-base"' in html and entry.terms["en"] in html
    block = html.split('id="secure-base"', 1)[1].split("</div>", 1)[0]
    assert f"/en/articles/{FLAGSHIP}/#secure-base" in block


def test_article_concepts_link_to_the_glossary(client: Client, site_content: SiteContent) -> None:
    html = html_of(client, f"/en/articles/{FLAGSHIP}/")
    assert 'href="/en/glossary/#secure-base"' in html


def test_sitemap_lists_both_languages_with_alternates(client: Client, site_content: SiteContent) -> None:
    xml = html_of(client, "/sitemap.xml")
    assert f"<loc>http://testserver/zh-hans/articles/{FLAGSHIP}/</loc>" in xml
    assert f'hreflang="en" href="http://testserver/en/articles/{FLAGSHIP}/"' in xml


def test_robots_txt_points_to_the_sitemap(client: Client) -> None:
    text = html_of(client, "/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /editors/" in text


def test_atom_feed_per_language(client: Client, site_content: SiteContent) -> None:
    xml = html_of(client, "/zh-hans/feed.atom")
    assert 'xml:lang="zh-hans"' in xml
    assert site_content.articles[FLAGSHIP]["zh-hans"].title in xml
    assert site_content.articles[FLAGSHIP]["en"].title not in xml


def test_pages_load_nothing_from_other_sites(client: Client, site_content: SiteContent) -> None:
    for url in ("/en/", f"/zh-hans/articles/{FLAGSHIP}/", "/en/phrases/", "/en/glossary/"):
        html = html_of(client, url)
        for attribute in re.findall(r'(?:src|href)="([^"]+)"', html):
            if attribute.startswith(("http://", "https://", "//")):
                assert attribute.startswith("http://127.0.0.1:8000/"), (url, attribute)


def test_security_and_privacy_headers(client: Client, site_content: SiteContent) -> None:
    response = client.get(f"/en/articles/{FLAGSHIP}/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_reloading_content_refreshes_a_cached_page(client: Client, site_content: SiteContent, settings: object) -> None:
    from wiki.models import ArticleTranslation
    from wiki.services import content_apply

    url = f"/en/articles/{FLAGSHIP}/"
    first = html_of(client, url)
    ArticleTranslation.objects.filter(article__slug=FLAGSHIP, language="en").update(
        title="Stale title", source_hash="x"
    )
    assert html_of(client, url) == first, "the page is served from the cache"
    content_apply(site=site_content)
    assert html_of(client, url) == first, "reloading restores the file's title and busts the cache"
    ArticleTranslation.objects.filter(article__slug=FLAGSHIP, language="en").update(source_hash="y")
    doc = site_content.articles[FLAGSHIP]["en"]
    doc.title, original = "A fresher title", doc.title
    try:
        content_apply(site=site_content)
        assert "A fresher title" in html_of(client, url)
    finally:
        doc.title = original


@pytest.mark.parametrize(
    ("path", "text"),
    [("/zh-hans/anything/", "我们这边出了点问题"), ("/en/anything/", "Something went wrong on our side")],
)
def test_server_error_page_speaks_the_readers_language(path: str, text: str) -> None:
    from django.test import RequestFactory

    from website.views import server_error

    response = server_error(RequestFactory().get(path))
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert text in response.content.decode()
