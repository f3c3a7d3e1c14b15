from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.cache import content_version
from tests.factories import write_article
from wiki.models import Article, ArticleTranslation, Concept, ContentVersion, Phrase
from wiki.services import ContentInvalid, content_load

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[str, str, str]]:
    return sorted(ArticleTranslation.objects.values_list("article__slug", "language", "source_hash"))


def test_load_creates_every_article_language_and_phrase(small_site: Path) -> None:
    report = content_load(root=small_site)
    assert Article.objects.count() == 2
    assert ArticleTranslation.objects.count() == 4
    assert Phrase.objects.count() == 24
    assert "article first-article" in report.created


def test_loading_twice_changes_nothing(small_site: Path) -> None:
    content_load(root=small_site)
    before, version = snapshot(), ContentVersion.objects.get().version
    ids = sorted(Phrase.objects.values_list("id", flat=True))
    report = content_load(root=small_site)
    assert not report.changed
    assert report.unchanged == 4
    assert snapshot() == before
    assert ContentVersion.objects.get().version == version
    assert sorted(Phrase.objects.values_list("id", flat=True)) == ids


def test_a_removed_article_folder_removes_the_article(small_site: Path) -> None:
    content_load(root=small_site)
    shutil.rmtree(small_site / "articles" / "second-article")
    report = content_load(root=small_site)
    assert list(Article.objects.values_list("slug", flat=True)) == ["first-article"]
    assert "article second-article" in report.deleted
    assert not Phrase.objects.filter(translation__article__slug="second-article").exists()


def test_a_removed_language_file_removes_only_that_language(small_site: Path) -> None:
    content_load(root=small_site)
    (small_site / "articles" / "second-article" / "zh-hans.md").unlink()
    content_load(root=small_site)
    assert list(
        ArticleTranslation.objects.filter(article__slug="second-article").values_list("language", flat=True)
    ) == ["en"]


def test_a_removed_glossary_file_removes_the_concept(small_site: Path) -> None:
    content_load(root=small_site)
    extra = small_site / "glossary" / "extra.yaml"
    shutil.copy(small_site / "glossary" / "pause-word.yaml", extra)
    content_load(root=small_site)
    assert Concept.objects.filter(slug="extra").exists()
    extra.unlink()
    content_load(root=small_site)
    assert not Concept.objects.filter(slug="extra").exists()


def test_an_edit_updates_only_that_document_and_bumps_the_version(small_site: Path) -> None:
    content_load(root=small_site)
    version = content_version()
    write_article(small_site, "first-article", "en", 1, title="A better title")
    report = content_load(root=small_site)
    assert report.updated == ["first-article (en)"]
    assert ArticleTranslation.objects.get(article__slug="first-article", language="en").title == "A better title"
    assert content_version() == version + 1


def test_malformed_content_loads_nothing(small_site: Path) -> None:
    content_load(root=small_site)
    before = snapshot()
    write_article(small_site, "first-article", "en", 1, title="Changed")
    write_article(small_site, "second-article", "en", 2, category="nonsense")
    with pytest.raises(ContentInvalid) as raised:
        content_load(root=small_site)
    assert any("unknown category 'nonsense'" in str(p) for p in raised.value.problems)
    assert snapshot() == before


def test_concepts_are_linked_to_the_articles_that_define_them(small_site: Path) -> None:
    content_load(root=small_site)
    assert sorted(Concept.objects.get(slug="secure-base").articles.values_list("slug", flat=True)) == [
        "first-article",
        "second-article",
    ]
