"""Writes to the wiki's tables. The only one is loading the content folder."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.cache import publish_content_version

from .content import text as text_stats
from .content.markdown import plain_text, render_body, render_inline
from .content.repository import SiteContent, read_content
from .content.schema import ArticleDoc, Problem
from .models import (
    Article,
    ArticleTranslation,
    Category,
    CategoryTranslation,
    Concept,
    ConceptTranslation,
    ContentVersion,
    Phrase,
)
from .signals import content_applied

# Bump when rendering changes, so that `content load` re-renders files whose text did not change.
RENDER_VERSION = "1"


class ContentInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in content")
        self.problems = problems


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    version: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def link_resolver(language: str) -> Callable[[str], str | None]:
    def resolve(href: str) -> str | None:
        with translation.override(language):
            if href.startswith("article:"):
                slug, _, anchor = href.removeprefix("article:").partition("#")
                url = reverse("wiki:article", kwargs={"slug": slug})
                return f"{url}#{anchor}" if anchor else url
            if href.startswith("glossary:"):
                return f"{reverse('wiki:glossary')}#{href.removeprefix('glossary:')}"
        return None

    return resolve


def _glossary_url(language: str) -> Callable[[str], str]:
    def url(slug: str) -> str:
        with translation.override(language):
            return f"{reverse('wiki:glossary')}#{slug}"

    return url


def content_load(*, root: Path) -> LoadReport:
    """Make the database match the content folder, in one transaction, or change nothing."""
    site, problems = read_content(root)
    if problems:
        raise ContentInvalid(problems)
    return content_apply(site=site)


def content_apply(*, site: SiteContent) -> LoadReport:
    """Make the database match already validated content."""
    report = LoadReport()
    with transaction.atomic():
        categories = _sync_categories(site, report)
        concepts = _sync_concepts(site, report)
        _sync_articles(site, categories, concepts, report)
        content_applied.send(sender=SiteContent, site=site, changed=bool(report.changed))
        if report.changed or not ContentVersion.objects.filter(pk=1).exists():
            ContentVersion.objects.get_or_create(pk=1)
            ContentVersion.objects.filter(pk=1).update(version=F("version") + 1, loaded_at=timezone.now())
        report.version = ContentVersion.objects.get(pk=1).version
    publish_content_version(report.version)
    return report


def _sync_categories(site: SiteContent, report: LoadReport) -> dict[str, Category]:
    result: dict[str, Category] = {}
    for doc in site.categories:
        category, created = Category.objects.get_or_create(slug=doc.slug, defaults={"position": doc.position})
        changed = created
        if category.position != doc.position:
            category.position = doc.position
            category.save(update_fields=["position"])
            changed = True
        for language, name in doc.names.items():
            row, made = CategoryTranslation.objects.get_or_create(
                category=category,
                language=language,
                defaults={"name": name, "description": doc.descriptions[language]},
            )
            if not made and (row.name, row.description) != (name, doc.descriptions[language]):
                row.name, row.description = name, doc.descriptions[language]
                row.save()
                changed = True
        if created:
            report.created.append(f"category {doc.slug}")
        elif changed:
            report.updated.append(f"category {doc.slug}")
        result[doc.slug] = category
    return result


def _sync_concepts(site: SiteContent, report: LoadReport) -> dict[str, Concept]:
    result: dict[str, Concept] = {}
    for entry in site.glossary.values():
        concept, created = Concept.objects.get_or_create(slug=entry.slug)
        changed = False
        for language, term in entry.terms.items():
            definition = entry.definitions[language]
            row, made = ConceptTranslation.objects.get_or_create(
                concept=concept, language=language, defaults={"term": term, "definition": definition}
            )
            if not made and (row.term, row.definition) != (term, definition):
                row.term, row.definition = term, definition
                row.save()
                changed = True
        if created:
            report.created.append(f"concept {entry.slug}")
        elif changed:
            report.updated.append(f"concept {entry.slug}")
        result[entry.slug] = concept
    stale = Concept.objects.exclude(slug__in=list(site.glossary))
    report.deleted += [f"concept {slug}" for slug in stale.values_list("slug", flat=True)]
    stale.delete()
    return result


def _sync_articles(
    site: SiteContent, categories: dict[str, Category], concepts: dict[str, Concept], report: LoadReport
) -> None:
    stale = Article.objects.exclude(slug__in=list(site.articles))
    report.deleted += [f"article {slug}" for slug in stale.values_list("slug", flat=True)]
    stale.delete()

    for slug, documents in site.articles.items():
        first = documents.get("en") or next(iter(documents.values()))
        article, created = Article.objects.get_or_create(
            slug=slug, defaults={"category": categories[first.category], "related_slugs": first.related}
        )
        if created:
            report.created.append(f"article {slug}")
        elif (article.category_id, article.related_slugs) != (categories[first.category].pk, first.related):
            article.category = categories[first.category]
            article.related_slugs = first.related
            article.save()
            report.updated.append(f"article {slug}")
        wanted = {concepts[c].pk for doc in documents.values() for c in doc.concept_slugs}
        if set(article.concepts.values_list("pk", flat=True)) != wanted:
            article.concepts.set(wanted)
            if not created:
                report.updated.append(f"article {slug} concepts")

        gone = article.translations.exclude(language__in=list(documents))
        report.deleted += [f"{slug} ({lang})" for lang in gone.values_list("language", flat=True)]
        gone.delete()
        for doc in documents.values():
            _sync_translation(article, doc, report)

    # Only now: every remaining article points at a category that stays.
    old_categories = Category.objects.exclude(slug__in=list(categories))
    report.deleted += [f"category {slug}" for slug in old_categories.values_list("slug", flat=True)]
    old_categories.delete()


def _fingerprint(doc: ArticleDoc) -> str:
    return hashlib.sha256(f"{RENDER_VERSION}:{doc.source_hash}".encode()).hexdigest()


def _sync_translation(article: Article, doc: ArticleDoc, report: LoadReport) -> None:
    fingerprint = _fingerprint(doc)
    existing = ArticleTranslation.objects.filter(article=article, language=doc.language).first()
    if existing and existing.source_hash == fingerprint:
        report.unchanged += 1
        return
    resolve = link_resolver(doc.language)
    with translation.override(doc.language):
        glossary_label = gettext("In the glossary")
        composite_labels = (
            gettext(
                "These stories are illustrative composites: invented to show common patterns, "
                "not the experience of any real person or couple."
            ),
            gettext("Illustrative composite"),
        )
    fields = {
        "title": doc.title,
        "summary": doc.summary,
        "tags": doc.tags,
        "written": doc.written,
        "updated": doc.updated,
        "review_status": doc.review_status,
        "reviewed_on": doc.reviewed_on,
        "reviewer": doc.reviewer,
        "body_html": render_body(doc.body, resolve, _glossary_url(doc.language), glossary_label, composite_labels),
        "body_text": doc.body.plain_text,
        "toc": [[s.heading.anchor, s.heading.title] for s in doc.body.sections],
        "faq": [
            {
                "question": entry.question,
                "answer_html": render_inline(entry.answer, resolve),
                "answer_text": plain_text(entry.answer),
            }
            for entry in doc.faq
        ],
        "references_html": [render_inline(ref, resolve) for ref in doc.references],
        "word_count": doc.word_count,
        "reading_minutes": text_stats.reading_minutes(doc.word_count, doc.language),
        "translation_note": doc.translation_note,
        "source_hash": fingerprint,
        "loaded_at": timezone.now(),
    }
    if existing:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        existing.phrases.all().delete()
        row = existing
        report.updated.append(f"{article.slug} ({doc.language})")
    else:
        row = ArticleTranslation.objects.create(article=article, language=doc.language, **fields)
        report.created.append(f"{article.slug} ({doc.language})")
    Phrase.objects.bulk_create(
        Phrase(translation=row, position=index, situation=p.situation, when=p.when, text=p.text)
        for index, p in enumerate(doc.phrases, start=1)
    )
