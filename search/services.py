"""Rebuilding the search index from loaded content, in the loader's transaction."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from wiki.content.markdown import plain_text
from wiki.content.repository import SiteContent

from . import backends
from .models import SearchDocument, SearchTerm, TermStatistic
from .tokenizer import english_words, index_terms

DOCUMENT_COUNT, TERM_COUNT = "#documents", "#terms"


def _article_url(slug: str, language: str, anchor: str = "") -> str:
    with translation.override(language):
        url = reverse("wiki:article", kwargs={"slug": slug})
    return f"{url}#{anchor}" if anchor else url


def _documents(site: SiteContent) -> list[SearchDocument]:
    documents: list[SearchDocument] = []

    def add(
        language: str, kind: str, slug: str, url: str, title: str, text: str, extra_title: str = "",
        title_terms_from: str | None = None,
    ) -> None:  # fmt: skip
        # A section is found by its own heading, a phrase by its own words, not by the article's title.
        heading = title if title_terms_from is None else title_terms_from
        documents.append(
            SearchDocument(
                language=language,
                kind=kind,
                article_slug=slug,
                url=url,
                title=title,
                text=text,
                title_terms=index_terms(f"{heading} {extra_title}"),
                body_terms=index_terms(text),
            )
        )

    for slug, docs in site.articles.items():
        for language, doc in docs.items():
            # What snippets show is the text as rendered, never its Markdown (links, emphasis, slugs).
            add(language, "article", slug, _article_url(slug, language), doc.title, plain_text(doc.summary),
                " ".join(doc.tags))  # fmt: skip
            for section in doc.body.sections:
                add(language, "section", slug, _article_url(slug, language, section.heading.anchor),
                    f"{doc.title} · {section.heading.title}", " ".join(section.text_parts),
                    title_terms_from=section.heading.title)  # fmt: skip
            for entry in doc.faq:
                add(language, "faq", slug, _article_url(slug, language, "faq"), entry.question,
                    plain_text(entry.answer))  # fmt: skip
            for position, phrase in enumerate(doc.phrases, start=1):
                add(language, "phrase", slug, _article_url(slug, language, f"phrase-{position}"), doc.title,
                    f"{phrase.text} {phrase.when}".strip(), title_terms_from="")  # fmt: skip
    for concept in site.glossary.values():
        for language, term in concept.terms.items():
            with translation.override(language):
                url = f"{reverse('wiki:glossary')}#{concept.slug}"
            add(language, "concept", "", url, term, plain_text(concept.definitions[language]),
                concept.slug.replace("-", " "))  # fmt: skip
    return documents


def index_rebuild(site: SiteContent) -> int:
    """Replace the whole index; returns the number of documents. Call inside the load's transaction."""
    return index_documents(_documents(site))


def index_documents(documents: list[SearchDocument]) -> int:
    """Replace the whole index with these (unsaved) documents."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchDocument.objects.bulk_create(documents, batch_size=500)
        backends.rebuild([(d.pk, d.language, d.title_terms, d.body_terms) for d in documents])
        SearchTerm.objects.all().delete()
        vocabulary = {(d.language, word) for d in documents for word in english_words(f"{d.title} {d.text}")}
        TermStatistic.objects.all().delete()
        frequencies: Counter[tuple[str, str]] = Counter(
            (d.language, term) for d in documents for term in set(f"{d.title_terms} {d.body_terms}".split())
        )
        for document in documents:  # totals per language, under names no term can have
            frequencies[(document.language, DOCUMENT_COUNT)] += 1
            frequencies[(document.language, TERM_COUNT)] += len(document.title_terms.split()) + len(
                document.body_terms.split()
            )
        statistics = [TermStatistic(language=lang, term=term, documents=n) for (lang, term), n in frequencies.items()]
        TermStatistic.objects.bulk_create(statistics, batch_size=2000)
        SearchTerm.objects.bulk_create(
            [SearchTerm(language=lang, term=term) for lang, term in vocabulary], batch_size=1000
        )
    return len(documents)
