"""What search looks through: one row per article, section, FAQ answer, phrase and glossary entry.

The full-text index itself lives beside this table and is specific to the database: an FTS5
table on SQLite, a tsvector column with a GIN index on PostgreSQL (see migrations and backends).
"""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "article"
        SECTION = "section", "section"
        FAQ = "faq", "FAQ"
        PHRASE = "phrase", "phrase"
        CONCEPT = "concept", "concept"

    language = models.CharField(max_length=16)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    article_slug = models.SlugField(blank=True, help_text="The article it belongs to, if any.")
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=400)
    text = models.TextField(help_text="Plain text shown in snippets.")
    title_terms = models.TextField()
    body_terms = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["language", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title} ({self.language})"


class SearchTerm(models.Model):
    """Every English word in the index, to correct a typo against words that exist."""

    language = models.CharField(max_length=16)
    term = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="search_term_unique")]

    def __str__(self) -> str:
        return self.term


class TermStatistic(models.Model):
    """How many documents of a language hold a term: the rarer the term, the more a match counts."""

    language = models.CharField(max_length=16)
    term = models.CharField(max_length=100)
    documents = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "term"], name="term_statistic_unique")]

    def __str__(self) -> str:
        return f"{self.term}: {self.documents}"
