"""The share page and its two images through the web, in both languages."""

from __future__ import annotations

import html as html_lib
import io
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import translation
from PIL import Image

from assessment import presentation, registry, scoring
from assessment.instrument import Instrument
from assessment.models import Result
from sharing import images, views
from tests.assessment.test_flow import no_danger, take_test

pytestmark = pytest.mark.django_db

NAMES_OF = {"en": "My communication pattern", "zh-hans": "我的沟通模式"}
COUNT_TEXT = {"en": "{n} questions", "zh-hans": "{n} 道题"}


@pytest.fixture
def instrument() -> Instrument:
    return registry.current_instrument()


def shared_result(client: Client, language: str, pattern_id: str = "quiet-protector") -> Result:
    """A result of that pattern, taken in `language`, with sharing turned on by its owner."""
    instrument = registry.current_instrument()
    answers = scoring.answers_for_scores(instrument, instrument.patterns[pattern_id].prototype)
    report_path = take_test(client, language, answers, no_danger(instrument)).split("?")[0]
    assert client.post(report_path + "sharing/", {"enabled": "1"}).status_code == HTTPStatus.FOUND
    return Result.objects.order_by("-id").first()  # type: ignore[return-value]


def pattern_of(result: Result, language: str) -> presentation.PatternView:
    instrument = registry.get_instrument(result.instrument, result.version)
    assert instrument is not None
    view = presentation.result_view(instrument, result.answers, result.safety_answers, language, result.language)
    return view.pattern


def meta(page: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page)
    assert match, key
    return html_lib.unescape(match.group(1))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_share_page_shows_the_card_once_as_real_text(
    client: Client, site_content: object, instrument: Instrument, language: str
) -> None:
    result = shared_result(client, language)
    pattern = pattern_of(result, language)
    page = Client().get(f"/{language}/r/{result.share_id}/").content.decode()
    article = page.split('<article class="share-page">', 1)[1].split('<aside class="test-cta"', 1)[0]
    # The name is the page's one heading; the card's text is HTML, not a picture of text.
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", page) == [html_lib.escape(pattern.name)]
    assert article.count(html_lib.escape(pattern.name)) == 3  # the heading, the emblem's name, the share button
    assert html_lib.escape(pattern.summary) in article
    for strength in pattern.strengths[:3]:
        assert f"<li>{html_lib.escape(strength)}</li>" in article
    assert "<img" not in article
    emblem = re.search(r'<svg class="emblem share-emblem" data-emblem="([^"]+)" role="img"[^>]*><title>', article)
    assert emblem and emblem.group(1) == pattern.id


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_share_page_offers_both_images_the_qr_code_and_the_link(
    client: Client, site_content: object, language: str
) -> None:
    result = shared_result(client, language)
    page = Client().get(f"/{language}/r/{result.share_id}/").content.decode()
    story = f'href="/{language}/r/{result.share_id}/story.png" download='
    preview = f'href="/{language}/r/{result.share_id}/card.png" download='
    assert story in page and preview in page
    assert f'<code id="short-url">http://127.0.0.1:8000/r/{result.share_id}/</code>' in page
    assert 'data-copy="short-url"' in page
    assert '<div class="qr">' not in page and '<figure class="qr">' in page and "<svg" in page.split('class="qr"')[1]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_share_page_counts_the_instruments_own_questions(
    client: Client, site_content: object, instrument: Instrument, language: str
) -> None:
    result = shared_result(client, language)
    page = Client().get(f"/{language}/r/{result.share_id}/").content.decode()
    assert COUNT_TEXT[language].format(n=len(instrument.items)) in page
    assert "About 40" not in page and "大约 40" not in page


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_previews_follow_the_pages_language(client: Client, site_content: object, language: str) -> None:
    result = shared_result(client, language)
    pattern = pattern_of(result, language)
    page = Client().get(f"/{language}/r/{result.share_id}/").content.decode()
    assert meta(page, "og:title") == f"{NAMES_OF[language]}{'：' if language == 'zh-hans' else ': '}{pattern.name}"
    assert meta(page, "og:description") == pattern.summary
    assert meta(page, "og:image") == f"http://127.0.0.1:8000/{language}/r/{result.share_id}/card.png"
    assert meta(page, "twitter:image") == meta(page, "og:image")
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:locale") == {"en": "en_US", "zh-hans": "zh_CN"}[language]
    assert pattern.name in meta(page, "og:image:alt")


def test_a_robot_without_a_language_gets_the_results_own_language_everywhere(
    client: Client, site_content: object
) -> None:
    result = shared_result(client, "zh-hans")
    robot = Client()  # sends no Accept-Language
    page_response = robot.get(f"/r/{result.share_id}/", follow=True)
    page = page_response.content.decode()
    assert page_response.redirect_chain[-1][0] == f"/zh-hans/r/{result.share_id}/"
    chinese = pattern_of(result, "zh-hans")
    assert meta(page, "og:title") == f"我的沟通模式：{chinese.name}"
    image_path = meta(page, "og:image").replace("http://127.0.0.1:8000", "")
    png = robot.get(image_path).content
    with translation.override("zh-hans"):
        expected = images.render(views.card_text(chinese, "zh-hans"), images.PREVIEW)
    assert png == expected


@pytest.mark.parametrize(("name", "size"), [("card.png", (1200, 630)), ("story.png", (1080, 1920))])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_both_images_are_served_at_their_size(
    client: Client, site_content: object, language: str, name: str, size: tuple[int, int]
) -> None:
    result = shared_result(client, language)
    response = Client().get(f"/{language}/r/{result.share_id}/{name}")
    assert response.status_code == HTTPStatus.OK and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "no-cache"
    assert Image.open(io.BytesIO(response.content)).size == size


def test_a_card_is_drawn_once_per_pattern_language_and_size(
    client: Client, site_content: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = shared_result(client, "en")
    second = shared_result(Client(), "en")
    drawn: list[str] = []
    real = images.render

    def counting(text: images.CardText, fmt: images.Format = images.PREVIEW) -> bytes:
        drawn.append(fmt.name)
        return real(text, fmt)

    monkeypatch.setattr(images, "render", counting)
    for result in (first, second, first):
        for name in ("card.png", "story.png"):
            assert Client().get(f"/en/r/{result.share_id}/{name}").status_code == HTTPStatus.OK
    assert sorted(drawn) == ["card", "story"]


def test_the_story_image_closes_with_the_owner_switch(client: Client, site_content: object) -> None:
    result = shared_result(client, "en")
    story = f"/en/r/{result.share_id}/story.png"
    assert Client().get(story).status_code == HTTPStatus.OK
    Result.objects.filter(pk=result.pk).update(sharing_enabled=False)
    assert Client().get(story).status_code == HTTPStatus.NOT_FOUND


def test_the_story_image_of_a_result_with_a_safety_signal_is_never_served(
    client: Client, site_content: object, instrument: Instrument
) -> None:
    result = shared_result(client, "en")
    Result.objects.filter(pk=result.pk).update(
        safety_answers=no_danger(instrument) | {instrument.safety_items[1].id: 4}
    )
    for name in ("", "card.png", "story.png"):
        assert Client().get(f"/en/r/{result.share_id}/{name}").status_code == HTTPStatus.NOT_FOUND


def test_the_template_tag_draws_an_emblem_from_a_view_or_an_id() -> None:
    from django.template import Context, Template

    template = Template('{% load emblems %}{% emblem pattern 40 %}|{% emblem "torn-between" 24 name="T" %}')
    pattern = type("P", (), {"id": "quiet-protector", "name": "Quiet <Protector>"})()
    rendered = template.render(Context({"pattern": pattern}))
    first, second = rendered.split("|")
    assert 'data-emblem="quiet-protector"' in first and "<title>Emblem: Quiet &lt;Protector&gt;</title>" in first
    assert 'width="40"' in first
    assert 'data-emblem="torn-between"' in second and "<title>Emblem: T</title>" in second
