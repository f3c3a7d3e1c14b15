"""The whole flow through the web, in both languages: start, invite, consent, answer, finish, matches,
keep, new round, end; and what a list never does."""

from __future__ import annotations

import datetime as dt
import re
from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import timezone

from assessment import tokens
from together import matching
from together.matching import MAYBE, NO, TALK, YES
from together.models import Side, TogetherList

from .helpers import (
    answer_all,
    counts,
    everything,
    finish,
    groups_at,
    invite,
    items_at,
    join,
    masked,
    pair,
    start,
)

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("language_a", "language_b"), [("en", "zh-hans"), ("zh-hans", "en")])
def test_two_partners_see_the_same_matches_each_in_their_own_language(
    site_content: object, language_a: str, language_b: str
) -> None:
    def answers_a(item):  # type: ignore[no-untyped-def]
        return {"hug-coming-home": YES, "pet-names": YES, "pause-word": MAYBE, "bath-together": TALK}.get(item.id, NO)

    def answers_b(item):  # type: ignore[no-untyped-def]
        return {"hug-coming-home": YES, "pet-names": MAYBE, "pause-word": YES, "bath-together": TALK}.get(item.id, YES)

    a, token_a, b, token_b = pair(language_a, language_b, level=2, answers_a=answers_a, answers_b=answers_b)
    page_a = a.get(f"/{language_a}/together/{token_a}/").content.decode()
    page_b = b.get(f"/{language_b}/together/{token_b}/").content.decode()
    english, chinese = (page_a, page_b) if language_a == "en" else (page_b, page_a)
    assert "You both said yes" in english and "你们都选了“愿意”" in chinese
    for item_en, item_zh in [
        ("A long hug when one of us comes home", "谁回到家，都给对方一个长长的拥抱"),
        ("Pet names just for the two of us", "只在我们俩之间用的昵称"),
        ("A pause word that means stop, no questions asked", "约一个暗号，一说出来就停，什么都不用解释"),
        ("Taking a bath or shower together", "一起泡澡或冲澡"),
    ]:
        assert item_en in english and item_zh in chinese
    # Exactly the four matches: nothing either said no to, nothing else.
    assert english.count('class="match"') == chinese.count('class="match"') == 4
    yes_part = english.split('id="yes-title"')[1].split('id="maybe-title"')[0]
    assert "A long hug" in yes_part and "Pet names" not in yes_part
    talk_part = english.split('id="talk-title"')[1]
    assert "Taking a bath" in talk_part
    # Each match links to phrases and sections of the articles, in the reader's language.
    assert f'href="/{"en"}/articles/declining-sex-with-warmth/#phrase-7"' in english
    assert 'href="/zh-hans/articles/check-ins-and-rituals/#phrase-5"' in chinese


def test_the_starter_invites_and_the_partner_sees_the_choice_before_agreeing(client: Client) -> None:
    token = start(client, "en", 3)
    invitation = invite(client, "en", token)
    partner = Client()
    consent = partner.get(f"/zh-hans/together/join/{invitation}/").content.decode()
    assert "性" in consent and "包括前两级的内容" in consent  # the starter's level, described
    assert "这份清单无法隐藏的一件事" in consent  # the one thing a list cannot hide
    # Only the same or gentler levels are offered, and nothing is chosen for them.
    assert re.findall(r'name="level" value="(\d)"', consent) == ["1", "2", "3"]
    assert "checked" not in consent.split('name="level"')[1].split(">")[0]
    # Nothing to fill in but the agreement itself.
    assert 'name="item-' not in consent


def test_the_list_uses_the_gentler_of_the_two_levels_and_drops_answers_above_it(client: Client) -> None:
    token = start(client, "en", 4)
    answer_all(client, "en", token, 4, everything(YES))
    invitation = invite(client, "en", token)
    join(Client(), "en", invitation, 2)
    together = TogetherList.objects.get()
    assert together.level == 2
    starter = Side.objects.get(role=Side.STARTER)
    assert set(starter.answers) == {item.id for item in items_at(2)}
    page = client.get(f"/en/together/{token}/").content.decode()
    assert "Sensual" in page and f"/en/together/{token}/sex/" not in page


def test_the_starter_can_answer_before_the_partner_joins_and_nothing_shows_until_both_finish(client: Client) -> None:
    token = start(client, "en", 1)
    answer_all(client, "en", token, 1, everything(YES))
    finish(client, "en", token)
    page = client.get(f"/en/together/{token}/").content.decode()
    assert "You have finished. Your matches appear here once you have both finished." in page
    assert "You both said yes" not in page
    partner = Client()
    token_b = join(partner, "en", invite(client, "en", token), 1)
    answer_all(partner, "en", token_b, 1, everything(YES))
    assert "You both said yes" not in client.get(f"/en/together/{token}/").content.decode()
    finish(partner, "en", token_b)
    assert "You both said yes" in client.get(f"/en/together/{token}/").content.decode()
    assert TogetherList.objects.get().finished == timezone.localdate()


def test_the_partners_progress_is_never_shown(client: Client) -> None:
    token = start(client, "en", 1)
    partner = Client()
    token_b = join(partner, "en", invite(client, "en", token), 1)
    before = masked(client.get(f"/en/together/{token}/").content.decode(), token)
    answer_all(partner, "en", token_b, 1, everything(NO))
    finish(partner, "en", token_b)
    assert masked(client.get(f"/en/together/{token}/").content.decode(), token) == before


def test_changing_answers_after_finishing_means_finishing_again(client: Client) -> None:
    token = start(client, "en", 1)
    answer_all(client, "en", token, 1, everything(YES))
    finish(client, "en", token)
    group_id, items = groups_at(1)[0]
    form = {f"item-{item.id}": NO for item in items}
    client.post("/en/together/answer/", {"token": token, "group": group_id, **form})
    assert Side.objects.get().finished is None
    assert "I have finished" in client.get(f"/en/together/{token}/").content.decode()


def test_answers_are_locked_once_both_have_finished() -> None:
    a, token_a, _, _ = pair(level=1)
    group_id, items = groups_at(1)[0]
    stored = Side.objects.get(role=Side.STARTER).answers
    form = {f"item-{item.id}": NO for item in items}
    response = a.post("/en/together/answer/", {"token": token_a, "group": group_id, **form})
    assert response.status_code == HTTPStatus.CONFLICT
    assert "Your answers are locked" in response.content.decode()
    assert Side.objects.get(role=Side.STARTER).answers == stored
    # The answer pages lead back to the matches.
    assert a.get(f"/en/together/{token_a}/{group_id}/")["Location"] == f"/en/together/{token_a}/"


def test_a_new_round_needs_both_and_clears_both_answer_sets() -> None:
    a, token_a, b, token_b = pair(level=1)
    assert a.post("/en/together/new-round/", {"token": token_a, "choice": "start"}).status_code == HTTPStatus.FOUND
    page_b = b.get(f"/zh-hans/together/{token_b}/").content.decode()
    assert "对方想开始新的一轮" in page_b
    assert TogetherList.objects.get().finished is not None  # still locked: one wish is not enough
    assert all(side.answers for side in Side.objects.all())
    b.post("/zh-hans/together/new-round/", {"token": token_b, "choice": "start"})
    together = TogetherList.objects.get()
    assert together.finished is None and together.started == timezone.localdate()
    assert [side.answers for side in Side.objects.all()] == [{}, {}]
    assert "Start answering" in a.get(f"/en/together/{token_a}/").content.decode()


def test_a_wish_for_a_new_round_can_be_withdrawn() -> None:
    a, token_a, b, token_b = pair(level=1)
    a.post("/en/together/new-round/", {"token": token_a, "choice": "start"})
    a.post("/en/together/new-round/", {"token": token_a, "choice": "withdraw"})
    b.post("/zh-hans/together/new-round/", {"token": token_b, "choice": "start"})
    assert TogetherList.objects.get().finished is not None


def test_keeping_a_finished_list_longer_needs_both() -> None:
    a, token_a, b, token_b = pair(level=1)
    together = TogetherList.objects.get()
    first = together.deleted_after
    assert first == together.finished + dt.timedelta(days=90)
    TogetherList.objects.update(finished=timezone.localdate() - dt.timedelta(days=60))
    a.post("/en/together/keep/", {"token": token_a, "choice": "keep"})
    assert TogetherList.objects.get().kept is None
    assert "对方想把清单再保留 90 天" in b.get(f"/zh-hans/together/{token_b}/").content.decode()
    b.post("/zh-hans/together/keep/", {"token": token_b, "choice": "keep"})
    together = TogetherList.objects.get()
    assert together.kept == timezone.localdate()
    assert together.deleted_after == timezone.localdate() + dt.timedelta(days=90)
    assert not any(side.wants_to_keep for side in Side.objects.all())


def test_ending_deletes_both_sides_at_once(client: Client) -> None:
    a, token_a, b, token_b = pair(level=1)
    response = a.post("/en/together/end/", {"token": token_a, "confirm": "yes"})
    assert response["Location"] == "/en/together/ended/"
    assert counts() == (0, 0)
    for owner, language, token in ((a, "en", token_a), (b, "zh-hans", token_b)):
        response = owner.get(f"/{language}/together/{token}/")
        assert response.status_code == HTTPStatus.NOT_FOUND


def test_i_feel_pressured_ends_the_list_and_leads_to_support() -> None:
    a, token_a, _, _ = pair(level=1)
    response = a.post("/en/together/pressured/", {"token": token_a})
    assert response["Location"] == "/en/together/support/"
    assert counts() == (0, 0)
    page = a.get(response["Location"]).content.decode()
    assert 'href="/en/support/"' in page and "Nothing records why" in page


def test_to_the_partner_a_pressured_ending_looks_exactly_like_an_ordinary_one() -> None:
    seen = []
    for action in ({"confirm": "yes"}, None):
        a, token_a, b, token_b = pair(level=1)
        if action is None:
            a.post("/en/together/pressured/", {"token": token_a})
        else:
            a.post("/en/together/end/", {"token": token_a, **action})
        assert counts() == (0, 0)
        response = b.get(f"/zh-hans/together/{token_b}/")
        from together.selectors import notes_key

        seen.append((response.status_code, masked(response.content.decode(), token_b, notes_key(token_b))))
    assert seen[0] == seen[1]


def test_the_pressured_exit_is_on_every_page_of_the_list(client: Client) -> None:
    token = start(client, "en", 1)
    invitation = invite(client, "en", token)
    pages = [
        "/en/together/",
        f"/en/together/{token}/",
        f"/en/together/{token}/affection/",
        f"/en/together/join/{invitation}/",
    ]
    for path in pages:
        html = Client().get(path).content.decode() if "join" in path else client.get(path).content.decode()
        assert "I feel pressured to do this" in html, path
        assert 'href="/en/support/"' in html, path
        assert "data-quick-exit" in html, path


def test_declining_on_the_consent_page_ends_the_list_as_any_ending_does(client: Client) -> None:
    token = start(client, "en", 1)
    invitation = invite(client, "en", token)
    response = Client().post("/en/together/decline/", {"invitation": invitation})
    assert response["Location"] == "/en/together/ended/"
    assert counts() == (0, 0)
    assert client.get(f"/en/together/{token}/").status_code == HTTPStatus.NOT_FOUND


def test_pressured_on_the_consent_page_ends_the_list_too(client: Client) -> None:
    token = start(client, "en", 1)
    invitation = invite(client, "en", token)
    assert Client().post("/en/together/pressured/", {"invitation": invitation})["Location"] == "/en/together/support/"
    assert counts() == (0, 0)


def test_an_invitation_works_once_and_a_new_link_replaces_the_old(client: Client) -> None:
    token = start(client, "en", 1)
    first = invite(client, "en", token)
    second = invite(client, "en", token)
    assert Client().get(f"/en/together/join/{first}/").status_code == HTTPStatus.NOT_FOUND
    join(Client(), "en", second, 1)
    assert Client().get(f"/en/together/join/{second}/").status_code == HTTPStatus.NOT_FOUND
    # Once the partner has joined, no more invitations.
    response = client.post("/en/together/invite/", {"token": token})
    assert response.status_code == HTTPStatus.CONFLICT
    assert TogetherList.objects.get().invitation_hash is None


def test_an_expired_invitation_says_so(client: Client) -> None:
    token = start(client, "en", 1)
    invitation = invite(client, "en", token)
    TogetherList.objects.update(invitation_expires=timezone.localdate() - dt.timedelta(days=1))
    response = Client().get(f"/en/together/join/{invitation}/")
    assert response.status_code == HTTPStatus.GONE and "expired" in response.content.decode()


def test_opening_your_own_invitation_is_refused(client: Client) -> None:
    token = start(client, "en", 1)
    invitation = invite(client, "en", token)
    response = client.get(f"/en/together/join/{invitation}/")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "your own invitation" in response.content.decode()


def test_the_link_is_shown_once_and_only_its_hash_is_kept(client: Client) -> None:
    token = start(client, "en", 1)
    invitation = invite(client, "en", token)
    assert TogetherList.objects.get().invitation_hash == tokens.token_hash(invitation)
    page = client.get(f"/en/together/{token}/").content.decode()
    assert invitation not in page and "You made an invitation link" in page
    # A made-up or stale ?invite= shows nothing.
    assert 'id="invite-url"' not in client.get(f"/en/together/{token}/?invite={'A' * 32}").content.decode()


def test_private_pages_are_private(client: Client) -> None:
    token = start(client, "en", 1)
    invitation = invite(client, "en", token)
    for path in [
        f"/en/together/{token}/",
        f"/en/together/{token}/affection/",
        f"/en/together/join/{invitation}/",
        f"/en/together/{'B' * 32}/",
        "/en/together/",
        "/en/together/ended/",
        "/en/together/support/",
    ]:
        response = Client().get(path) if "join" in path else client.get(path)
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"], path
        assert response["Referrer-Policy"] == "no-referrer", path
        assert "noindex" in response["X-Robots-Tag"], path
        html = response.content.decode()
        assert '<meta name="referrer" content="no-referrer">' in html, path
        assert '<meta name="robots" content="noindex, nofollow">' in html, path


def test_no_page_loads_anything_from_another_site(client: Client) -> None:
    token = start(client, "en", 1)
    html = client.get(f"/en/together/{token}/").content.decode()
    assert not re.search(r'<(script|img)[^>]+src="(https?:)?//', html)
    assert not re.search(r'<link rel="(stylesheet|icon|preload|modulepreload)"[^>]+href="(https?:)?//', html)


def test_private_notes_are_never_part_of_a_form(client: Client) -> None:
    token = start(client, "en", 2)
    html = client.get(f"/en/together/{token}/touch/").content.decode()
    notes = re.findall(r"<textarea[^>]*>", html)
    assert notes and all(" name=" not in note for note in notes)


def test_each_item_offers_lets_talk_first_only_where_it_fits(client: Client) -> None:
    token = start(client, "en", 2)
    html = client.get(f"/en/together/{token}/touch/").content.decode()
    assert 'name="item-shoulder-massage" value="talk"' not in html
    assert 'name="item-full-body-massage" value="talk"' in html
    assert "Let&#x27;s talk first" in html or "Let's talk first" in html


def test_article_pages_link_the_list_and_only_the_three_articles(client: Client, site_content: object) -> None:
    for slug in ("desires-and-boundaries", "declining-sex-with-warmth", "hearing-no-without-rejection"):
        assert 'href="/en/together/"' in client.get(f"/en/articles/{slug}/").content.decode(), slug
        assert 'href="/zh-hans/together/"' in client.get(f"/zh-hans/articles/{slug}/").content.decode(), slug
    assert 'href="/en/together/"' not in client.get("/en/articles/money-conversations/").content.decode()


@pytest.mark.parametrize(("signal", "shown"), [(False, True), (True, False), (None, False)])
def test_a_report_that_signalled_danger_never_links_the_list(signal: bool | None, shown: bool) -> None:
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    context = {} if signal is None else {"view": SimpleNamespace(safety_signal=signal)}
    with translation.override("en"):
        html = render_to_string("together/_report_link.html", context)
    assert ('href="/en/together/"' in html) is shown


def test_purge_deletes_unfinished_lists_after_30_days_and_finished_after_90_unless_kept() -> None:
    from io import StringIO

    from django.core.management import call_command

    today = timezone.localdate()

    def made(started: int, finished: int | None = None, kept: int | None = None) -> int:
        def day(n):  # type: ignore[no-untyped-def]
            return None if n is None else today - dt.timedelta(days=n)

        together = TogetherList.objects.create(level=1, started=day(started), finished=day(finished), kept=day(kept))
        for role in (Side.STARTER, Side.PARTNER):
            Side.objects.create(together=together, role=role, token_hash=f"{together.pk}-{role}", answers={"x": YES})
        return together.pk

    stale_unfinished = made(started=31)
    fresh_unfinished = made(started=30)
    stale_finished = made(started=120, finished=91)
    fresh_finished = made(started=120, finished=90)
    kept = made(started=200, finished=150, kept=10)
    stale_kept = made(started=300, finished=250, kept=91)
    out = StringIO()
    call_command("purge", stdout=out)
    assert sorted(TogetherList.objects.values_list("pk", flat=True)) == sorted([fresh_unfinished, fresh_finished, kept])
    assert Side.objects.count() == 6  # every side of a deleted list went with it
    assert not Side.objects.filter(together_id__in=[stale_unfinished, stale_finished, stale_kept]).exists()
    assert "3 together lists" in out.getvalue()
    call_command("purge", stdout=StringIO())  # again, or on another server at once: harmless
    assert TogetherList.objects.count() == 3


def test_the_start_page_says_what_this_is_before_any_item(client: Client) -> None:
    html = text(client.get("/en/together/").content.decode())
    assert "This is for adults, 18 and over." in html
    assert "Yes means “I’m open to talking about it”. It is never a promise" in html
    assert "Either of you can end the list at any time." in html
    chinese = text(client.get("/zh-hans/together/").content.decode())
    assert "仅限 18 岁及以上的成年人" in chinese
    for item in items_at(4):
        assert item.text["en"] not in html


def test_the_matches_can_be_printed(site_content: object) -> None:
    a, token_a, _, _ = pair(level=1)
    assert "data-print" in a.get(f"/en/together/{token_a}/").content.decode()


def test_answers_offered_match_the_items(client: Client) -> None:
    token = start(client, "en", 4)
    for group_id, items in groups_at(4):
        html = client.get(f"/en/together/{token}/{group_id}/").content.decode()
        for item in items:
            offered = re.findall(rf'name="item-{item.id}" value="(\w+)"', html)
            assert offered == list(matching.choices(item.talk_first)), item.id
