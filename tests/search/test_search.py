"""The search page and its pure parts: tokenizing, correcting, ranking, hostile input."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from search import ranking
from search.tokenizer import correct, index_terms, parse_query, within_one_edit
from wiki.content.repository import SiteContent


def test_traditional_and_full_width_fold_to_the_same_terms() -> None:
    assert index_terms("拒絕") == index_terms("拒绝")
    assert index_terms("ＥＦＴ") == index_terms("EFT") == "eft"


def test_word_forms_share_a_stem() -> None:
    assert len({index_terms(w) for w in ("apologize", "apologizing", "apology", "apologies")}) == 1


def test_chinese_is_indexed_as_characters_and_pairs() -> None:
    assert index_terms("冷战") == "x51b7 x6218 x51b76218"
    assert parse_query("冷战期").groups == [{"x51b76218"}, {"x6218671f"}]
    assert parse_query("冷").groups == [{"x51b7"}]


def test_operators_and_punctuation_are_not_terms() -> None:
    assert parse_query('"" AND OR NOT * : ( ) -- ; \\').empty


@given(st.text(max_size=500))
def test_any_text_gives_a_query_of_safe_terms(raw: str) -> None:
    for group in parse_query(raw).groups:
        assert all(term.isascii() and term.isalnum() for term in group)


def test_a_typo_in_a_long_word_is_corrected_against_the_index() -> None:
    query = correct(parse_query("stonewaling"), frozenset({"stonewalling", "stone"}))
    assert "stonewal" in query.groups[0]


def test_short_words_are_not_corrected() -> None:
    assert correct(parse_query("sex"), frozenset({"sew", "six"})).groups == [{"sex"}]


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("listen", "lsiten", True),
        ("listen", "listens", True),
        ("listen", "lisen", True),
        ("listen", "glisten", True),
        ("listen", "lissten", True),
        ("listen", "fasten", False),
    ],
)
def test_within_one_edit(a: str, b: str, near: bool) -> None:
    assert within_one_edit(a, b) is near


def test_ranking_prefers_titles_and_rare_terms() -> None:
    stats = ranking.Statistics(documents=100, average_length=50, frequency={"rare": 2, "common": 90})
    title = ranking.Candidate(1, "section", "rare", "common " * 20)
    body = ranking.Candidate(2, "section", "other", "rare " + "common " * 20)
    common = ranking.Candidate(3, "section", "common", "common " * 20)
    order = [c.id for c, _ in ranking.rank([common, body, title], [{"rare"}, {"common"}], stats)]
    assert order == [1, 2, 3]


@pytest.mark.django_db
def test_results_page_shows_kind_snippet_highlight_and_exact_link(client: Client, site_content: SiteContent) -> None:
    # Sections are among "Articles and sections"; the first page of all results shows a few of each kind.
    html = client.get("/en/search/", {"q": "stonewalling", "kind": "articles"}).content.decode()
    assert "<mark>Stonewalling</mark>" in html or "<mark>stonewalling</mark>" in html
    assert 'href="/en/articles/four-horsemen-and-antidotes/#' in html
    assert '<span class="tag">Section</span>' in html


@pytest.mark.django_db
def test_chinese_results_highlight_the_matched_word(client: Client, site_content: SiteContent) -> None:
    html = client.get("/zh-hans/search/", {"q": "拒絕"}).content.decode()
    assert "<mark>拒绝</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "   ", "*", '"', "AND", "NOT NOT", "a:b", "(((", "'; DROP TABLE search_fts; --", "<script>alert(1)</script>",
     "x" * 5000, "\u0000", "拒绝" * 300, "%s %%", "title:sex", "NEAR(a b)", "{title}: x", "\\"],
)  # fmt: skip
def test_hostile_queries_get_a_normal_page(client: Client, site_content: SiteContent, query: str) -> None:
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == HTTPStatus.OK
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert client.get("/zh-hans/search/suggest/", {"q": query}).status_code == HTTPStatus.OK


@pytest.mark.django_db
def test_no_results_page_offers_ways_to_browse(client: Client, site_content: SiteContent) -> None:
    html = client.get("/en/search/", {"q": "xylophone"}).content.decode()
    assert "0 results" in html and "Nothing matched" in html


@pytest.mark.django_db
def test_suggestions_are_json_titles_and_links(client: Client, site_content: SiteContent) -> None:
    data = client.get("/zh-hans/search/suggest/", {"q": "道歉"}).json()
    assert data["suggestions"]
    assert any(s["url"] == "/zh-hans/articles/repair-and-apology/" for s in data["suggestions"])


@pytest.mark.django_db
def test_every_page_has_the_search_box(client: Client, site_content: SiteContent) -> None:
    for url in ("/en/", "/zh-hans/articles/sexual-safety-after-no/", "/en/phrases/"):
        assert 'role="search"' in client.get(url).content.decode()


@pytest.mark.django_db
def test_reloading_content_keeps_the_index_consistent(client: Client, site_content: SiteContent) -> None:
    from search.models import SearchDocument
    from wiki.services import content_apply

    count = SearchDocument.objects.count()
    content_apply(site=site_content)
    assert SearchDocument.objects.count() == count
    assert count == sum(
        1 + len(doc.body.sections) + len(doc.faq) + len(doc.phrases)
        for docs in site_content.articles.values()
        for doc in docs.values()
    ) + 2 * len(site_content.glossary)
