"""sitemap.xml: every page in both languages, with hreflang alternates."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Category


class BilingualSitemap(Sitemap):  # type: ignore[type-arg]
    """Each page once per language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = False
    languages = ["en", "zh-hans"]


class ArticleSitemap(BilingualSitemap):
    def items(self) -> list[Article]:
        return list(Article.objects.prefetch_related("translations"))

    def lastmod(self, item: Article) -> dt.date | None:
        dates = [t.updated for t in item.translations.all()]
        return max(dates) if dates else None

    def get_languages_for_item(self, item: Article) -> list[str]:
        return [t.language for t in item.translations.all()]


class CategorySitemap(BilingualSitemap):
    def items(self) -> list[Category]:
        return list(Category.objects.all())


class PagesSitemap(BilingualSitemap):
    def items(self) -> list[str]:
        return [
            "home",
            "wiki:index",
            "wiki:glossary",
            "phrases:bank",
            "assessment:start",
            "assessment:how_scoring_works",
            "support:page",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


sitemaps = {"pages": PagesSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}
