"""Search results show rendered plain text, grouped by kind with counts, filterable and paged."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from search.models import SearchDocument
from search.selectors import KINDS, PAGE_SIZE, POOL, results_page, search
from wiki.content.repository import SiteContent

pytestmark = pytest.mark.django_db

QUERIES = {
    "en": [
        "no",
        "pause",
        "sorry",
        "apology",
        "stonewalling",
        "flooding",
        "boundary",
        "sex",
        "consent",
        "desire",
        "rejection",
        "listen",
        "need",
        "repair",
        "criticism",
        "contempt",
        "defensiveness",
        "affair",
        "trust",
        "money",
        "family",
        "drinking",
        "pain",
        "afraid",
        "safety",
        "culture",
        "therapy",
        "touch",
        "check in",
        "appreciation",
        "jealousy",
        "phone",
        "anger",
        "shame",
        "yes",
        "maybe",
        "hearing no",
        "time out",
        "love",
        "children",
        "partner",
        "what changed",
        "article",
        "read",
    ],
    "zh-hans": [
        "拒绝",
        "暂停",
        "道歉",
        "冷战",
        "修复",
        "需要",
        "倾听",
        "边界",
        "性",
        "同意",
        "欲望",
        "伤害",
        "信任",
        "外遇",
        "家人",
        "钱",
        "喝酒",
        "疼痛",
        "害怕",
        "安全",
        "文化",
        "治疗",
        "嫉妒",
        "手机",
        "生气",
        "羞耻",
        "不",
        "也许",
        "沟通",
        "孩子",
        "伴侣",
        "请阅读",
        "问题",
        "感受",
    ],
}
MARKDOWN = ("](", "**", "article:", "glossary:", "](#", "[[")


def slugs(site: SiteContent) -> set[str]:
    """Addresses of articles and glossary entries that no sentence would contain (two hyphens or more).

    Slugs like "self-soothing" are also ordinary words, so they may appear in text.
    """
    return {slug for slug in [*site.articles, *site.glossary] if slug.count("-") >= 2}


def assert_plain(snippet: str, known_slugs: set[str], where: str) -> None:
    text = unescape(re.sub(r"</?mark>", "", snippet))
    for syntax in MARKDOWN:
        assert syntax not in text, f"{where}: {syntax!r} in {text!r}"
    # A slug, or a piece of one cut by the snippet's edge ("…aring-no-without-rejection").
    for token in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", text):
        assert not any(token in slug for slug in known_slugs), f"{where}: slug {token!r} in {text!r}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_snippets_never_show_markdown_or_slugs(site_content: SiteContent, language: str) -> None:
    known = slugs(site_content)
    seen = 0
    for query in QUERIES[language]:
        hits, _seconds = search(query, language, limit=POOL)
        for hit in hits:
            assert_plain(str(hit.snippet), known, f"{language} {query!r} {hit.kind} {hit.url}")
            seen += 1
    assert seen > 500, "the queries cover many snippets of every kind"


def test_the_index_holds_rendered_plain_text(site_content: SiteContent) -> None:
    known = slugs(site_content)
    kinds = set()
    for document in SearchDocument.objects.all():
        assert_plain(document.text, known, f"{document.kind} {document.url}")
        kinds.add(document.kind)
    assert kinds == {"article", "section", "faq", "phrase", "concept"}


def test_results_page_snippets_are_plain_in_both_languages(client: Client, site_content: SiteContent) -> None:
    known = slugs(site_content)
    for language, queries in QUERIES.items():
        for query in queries[:12]:
            for kind in ("", *KINDS):
                html = client.get(f"/{language}/search/", {"q": query, "kind": kind}).content.decode()
                for snippet in re.findall(r'<p class="hit-snippet">(.*?)</p>', html, flags=re.S):
                    assert_plain(snippet, known, f"{language} {query!r} {kind}")


def test_results_are_grouped_by_kind_with_counts(client: Client, site_content: SiteContent) -> None:
    hits, _seconds = search("no", "en", limit=POOL)
    page = results_page(hits)
    assert sum(page.counts.values()) == page.total == len(hits)
    assert page.groups
    assert all(len(group.hits) <= 4 and group.count == page.counts[group.kind] for group in page.groups)
    html = client.get("/en/search/", {"q": "no"}).content.decode()
    assert html.count('class="result-group"') == len(page.groups)
    assert f'All results <span class="count">{page.total}</span>' in html


def test_a_kind_filter_shows_only_that_kind_a_page_at_a_time(client: Client, site_content: SiteContent) -> None:
    hits, _seconds = search("no", "en", limit=POOL)
    faq = [hit for hit in hits if hit.kind == "faq"]
    assert len(faq) > PAGE_SIZE
    first = results_page(hits, "faq", 1)
    second = results_page(hits, "faq", 2)
    assert [g.kind for g in first.groups] == ["faq"] and first.pages == -(-len(faq) // PAGE_SIZE)
    assert first.groups[0].hits == faq[:PAGE_SIZE] and second.groups[0].hits == faq[PAGE_SIZE : 2 * PAGE_SIZE]
    html = client.get("/en/search/", {"q": "no", "kind": "faq", "page": "2"}).content.decode()
    assert 'aria-current="page">Questions and answers' in html
    assert html.count('class="search-hit"') == len(second.groups[0].hits)
    assert "?q=no&amp;kind=faq&amp;page=1" in html


def test_the_results_page_has_one_search_box(client: Client, site_content: SiteContent) -> None:
    html = client.get("/zh-hans/search/", {"q": "拒绝"}).content.decode()
    assert html.count('type="search"') == 1
    assert html.count('role="search"') == 1


def test_an_unknown_kind_or_page_shows_all_results(client: Client, site_content: SiteContent) -> None:
    html = client.get("/en/search/", {"q": "no", "kind": "<script>", "page": "x"}).content.decode()
    assert 'aria-current="page">All results' in html
    assert "<script>" not in html.split("<main", 1)[1]
