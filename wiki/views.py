"""The wiki's pages. Each view reads through a selector and renders; the page cache does the rest."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from core.cache import cached_page
from core.templating import context_of
from support.selectors import support_block

from . import selectors

# Articles for readers who may be in danger: support first, and a quick way out.
SAFETY_ARTICLES = frozenset({"when-its-not-communication"})


# The page cache serves every visitor the same bytes, so the region of a safety article's support
# block comes only from the address (?region=), never from the visitor's browser.
@cached_page(query=("region",))
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = get_language()
    page = selectors.article_page(slug, language)
    if page is None:
        raise Http404("No such article")
    if page.translation is None:
        other = page.available_languages[0]
        other_translation = page.article.translations.get(language=other)
        return render(
            request,
            "wiki/article_missing.html",
            {"page": page, "other": other_translation, "other_language": other},
        )
    faq_data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "inLanguage": language,
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry["question"],
                "acceptedAnswer": {"@type": "Answer", "text": entry["answer_text"]},
            }
            for entry in page.translation.faq
        ],
    }
    context = {"page": page, "t": page.translation, "faq_data": faq_data}
    if slug in SAFETY_ARTICLES:
        context |= context_of(support_block(language, request.GET.get("region")), show_quick_exit=True)
    return render(request, "wiki/article.html", context)


@cached_page
def article_index(request: HttpRequest) -> HttpResponse:
    language = get_language()
    cards = selectors.article_cards(language)
    groups = [
        (category, [card for card in cards if card.category_slug == category.slug])
        for category in selectors.category_list(language)
    ]
    return render(request, "wiki/index.html", {"groups": [g for g in groups if g[1]], "count": len(cards)})


@cached_page
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    language = get_language()
    category = selectors.category_get(slug, language)
    if category is None:
        raise Http404("No such category")
    cards = selectors.article_cards(language, category_slug=slug)
    others = [c for c in selectors.category_list(language) if c.slug != slug]
    return render(request, "wiki/category.html", {"category": category, "cards": cards, "others": others})


@cached_page
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "wiki/glossary.html", {"items": selectors.glossary_items(get_language())})
