"""An Atom feed of articles per language, newest review first."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.translation import get_language, gettext

from core.site import site_name

from .models import ArticleTranslation


class LatestArticlesFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return site_name()

    def subtitle(self) -> str:
        return gettext("New and updated articles")

    def link(self) -> str:
        return reverse("home")

    def items(self) -> QuerySet[ArticleTranslation]:
        return (
            ArticleTranslation.objects.filter(language=get_language())
            .select_related("article")
            .order_by("-updated", "article__slug")[:50]
        )

    def item_title(self, item: ArticleTranslation) -> str:
        return item.title

    def item_description(self, item: ArticleTranslation) -> str:
        return item.summary

    def item_link(self, item: ArticleTranslation) -> str:
        return item.get_absolute_url()

    def item_updateddate(self, item: ArticleTranslation) -> dt.datetime:
        return dt.datetime.combine(item.updated, dt.time(), tzinfo=dt.UTC)

    def item_pubdate(self, item: ArticleTranslation) -> dt.datetime:
        return dt.datetime.combine(item.written, dt.time(), tzinfo=dt.UTC)

    def item_author_name(self, item: ArticleTranslation) -> str:
        return site_name()

    def get_feed(self, obj: object, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        feed.feed["language"] = get_language()
        feed.feed["updateddate"] = feed.latest_post_date() or timezone.now()
        return feed
