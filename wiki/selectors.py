"""Reads for the wiki's pages. Each returns plain data in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from .models import Article, ArticleTranslation, Category, CategoryTranslation, Concept, ConceptTranslation


@dataclass(frozen=True)
class ArticleCard:
    slug: str
    title: str
    summary: str
    language: str
    url: str
    reading_minutes: int
    category_slug: str
    category_name: str
    # True when the reader's language is missing and this card shows the other one.
    in_other_language: bool


@dataclass(frozen=True)
class CategoryInfo:
    slug: str
    name: str
    description: str
    url: str


@dataclass(frozen=True)
class GlossaryItem:
    slug: str
    term: str
    definition: str
    articles: list[ArticleCard]


def _url_in(language: str, name: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def category_names(language: str) -> dict[int, CategoryTranslation]:
    return {row.category_id: row for row in CategoryTranslation.objects.filter(language=language)}


def category_list(language: str) -> list[CategoryInfo]:
    names = category_names(language)
    return [
        CategoryInfo(c.slug, names[c.pk].name, names[c.pk].description, _url_in(language, "wiki:category", slug=c.slug))
        for c in Category.objects.all()
        if c.pk in names
    ]


def category_get(slug: str, language: str) -> CategoryInfo | None:
    return next((c for c in category_list(language) if c.slug == slug), None)


def _cards(rows: list[ArticleTranslation], language: str) -> list[ArticleCard]:
    names = category_names(language)
    return [
        ArticleCard(
            slug=row.article.slug,
            title=row.title,
            summary=row.summary,
            language=row.language,
            url=_url_in(row.language, "wiki:article", slug=row.article.slug),
            reading_minutes=row.reading_minutes,
            category_slug=row.article.category.slug,
            category_name=names[row.article.category_id].name if row.article.category_id in names else "",
            in_other_language=row.language != language,
        )
        for row in rows
    ]


def article_cards(language: str, slugs: list[str] | None = None, category_slug: str | None = None) -> list[ArticleCard]:
    """Cards in the reader's language, falling back to the other language where one is missing.

    With `slugs`, the cards keep that order; otherwise they are ordered by title.
    """
    rows = ArticleTranslation.objects.select_related("article", "article__category").defer(
        "body_html", "body_text", "faq", "references_html", "toc"
    )
    if slugs is not None:
        rows = rows.filter(article__slug__in=slugs)
    if category_slug is not None:
        rows = rows.filter(article__category__slug=category_slug)
    chosen: dict[str, ArticleTranslation] = {}
    for row in rows:
        current = chosen.get(row.article.slug)
        if current is None or row.language == language:
            chosen[row.article.slug] = row
    if slugs is not None:
        ordered = [chosen[s] for s in slugs if s in chosen]
    else:
        ordered = sorted(chosen.values(), key=lambda r: (r.language != language, r.title.casefold()))
    return _cards(ordered, language)


def recently_updated(language: str, limit: int) -> list[ArticleCard]:
    rows = list(
        ArticleTranslation.objects.filter(language=language)
        .select_related("article", "article__category")
        .defer("body_html", "body_text", "faq", "references_html", "toc")
        .order_by("-updated", "article__slug")[:limit]
    )
    return _cards(rows, language)


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    translation: ArticleTranslation | None
    available_languages: list[str]
    category: CategoryInfo | None
    related: list[ArticleCard]
    concepts: list[tuple[str, str]]


def article_page(slug: str, language: str) -> ArticlePage | None:
    article = (
        Article.objects.select_related("category")
        .prefetch_related(
            Prefetch("translations", queryset=ArticleTranslation.objects.prefetch_related("phrases")),
            Prefetch("concepts__translations", queryset=ConceptTranslation.objects.filter(language=language)),
        )
        .filter(slug=slug)
        .first()
    )
    if article is None:
        return None
    translations = {t.language: t for t in article.translations.all()}
    concepts = [
        (concept.slug, concept.translations.all()[0].term)
        for concept in article.concepts.all()
        if concept.translations.all()
    ]
    return ArticlePage(
        article=article,
        translation=translations.get(language),
        available_languages=sorted(translations),
        category=category_get(article.category.slug, language),
        related=article_cards(language, slugs=list(article.related_slugs)),
        concepts=sorted(concepts, key=lambda c: c[1].casefold()),
    )


def glossary_items(language: str) -> list[GlossaryItem]:
    concepts = Concept.objects.prefetch_related(
        Prefetch("translations", queryset=ConceptTranslation.objects.filter(language=language)),
        "articles",
    )
    cards = {card.slug: card for card in article_cards(language)}
    items = []
    for concept in concepts:
        rows = concept.translations.all()
        if not rows:
            continue
        used_by = sorted((cards[a.slug] for a in concept.articles.all() if a.slug in cards), key=lambda c: c.title)
        items.append(GlossaryItem(concept.slug, rows[0].term, rows[0].definition, used_by))
    return sorted(items, key=lambda item: item.term.casefold())
