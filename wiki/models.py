"""Articles, categories and glossary concepts, as loaded from content/ by `content load`.

Nothing here is edited through the web: the files are the source of truth, and these tables
are a rendered, queryable copy of them.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import translation


class Category(models.Model):
    slug = models.SlugField(unique=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("wiki:category", kwargs={"slug": self.slug})


class CategoryTranslation(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=16)
    name = models.CharField(max_length=200)
    description = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "language"], name="category_translation_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class Concept(models.Model):
    slug = models.SlugField(unique=True)

    def __str__(self) -> str:
        return self.slug


class ConceptTranslation(models.Model):
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=16)
    term = models.CharField(max_length=200)
    definition = models.TextField()

    class Meta:
        ordering = ["term"]
        constraints = [models.UniqueConstraint(fields=["concept", "language"], name="concept_translation_unique")]

    def __str__(self) -> str:
        return f"{self.term} ({self.language})"


class Article(models.Model):
    slug = models.SlugField(unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    related_slugs = models.JSONField(default=list)
    concepts = models.ManyToManyField(Concept, related_name="articles", blank=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("wiki:article", kwargs={"slug": self.slug})


class ArticleTranslation(models.Model):
    """One language of one article, with everything its page shows, already rendered."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=16)
    title = models.CharField(max_length=300)
    summary = models.TextField()
    tags = models.JSONField(default=list)
    written = models.DateField()
    updated = models.DateField()
    review_status = models.CharField(
        max_length=40, help_text="awaiting-clinical-review until a clinician has reviewed this text"
    )
    reviewed_on = models.DateField(null=True, blank=True)
    reviewer = models.CharField(max_length=200, blank=True)
    body_html = models.TextField()
    body_text = models.TextField(help_text="Plain text of the body, for search and snippets.")
    toc = models.JSONField(default=list, help_text="[[anchor, title], ...] of the body's sections.")
    faq = models.JSONField(default=list, help_text="[{question, answer_html, answer_text}, ...]")
    references_html = models.JSONField(default=list)
    word_count = models.PositiveIntegerField()
    reading_minutes = models.PositiveIntegerField()
    translation_note = models.TextField(blank=True)
    source_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["article__slug", "language"]
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="article_translation_unique")]
        indexes = [models.Index(fields=["language", "updated"], name="wiki_article_lang_updated")]

    def __str__(self) -> str:
        return f"{self.article.slug} ({self.language})"

    def get_absolute_url(self) -> str:
        with translation.override(self.language):
            return self.article.get_absolute_url()


class Phrase(models.Model):
    """A sentence a reader can copy and say, from an article's phrase list."""

    translation = models.ForeignKey(ArticleTranslation, on_delete=models.CASCADE, related_name="phrases")
    position = models.PositiveIntegerField()
    situation = models.CharField(max_length=32, db_index=True)
    when = models.CharField(max_length=300, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["translation", "position"]
        constraints = [models.UniqueConstraint(fields=["translation", "position"], name="phrase_position_unique")]

    def __str__(self) -> str:
        return self.text

    @property
    def anchor(self) -> str:
        return f"phrase-{self.position}"


class ContentVersion(models.Model):
    """A single row whose number changes each time loading changes anything.

    Cached pages are keyed by it, so every app server serves new content as soon as it is
    loaded, whichever server ran the load.
    """

    version = models.PositiveBigIntegerField(default=1)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"content version {self.version}"
