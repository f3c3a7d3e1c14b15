"""Support services by region: every number has a source and a date, and each reader gets their region."""

from __future__ import annotations

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.test import Client

from support.directory import KINDS, parse_support, read_support

VALID = """\
verified: 2026-12-02
default_region: {en: other, zh-hans: cn}
language_regions:
  en-gb: uk
regions:
  cn:
    name: {en: Mainland China, zh-hans: 中国大陆}
    services:
      - kind: emergency
        name: {en: Police, zh-hans: 报警电话}
        phone: "110"
        description: {en: In danger now., zh-hans: 有危险时拨打。}
        source: https://example.org/cn
        verified: 2026-12-02
    missing:
      - {kind: crisis, note: {en: a, zh-hans: 一}, directory: "https://e.org/d", source: "https://e.org/s", verified: 2026-12-02}
      - {kind: sexual-assault, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
      - {kind: domestic-violence, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
  uk:
    name: {en: United Kingdom, zh-hans: 英国}
    services:
      - kind: emergency
        name: {en: Emergency, zh-hans: 紧急}
        phone: "999"
        description: {en: In danger now., zh-hans: 有危险时拨打。}
        source: https://example.org/uk
        verified: 2026-12-02
    missing:
      - {kind: crisis, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
      - {kind: sexual-assault, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
      - {kind: domestic-violence, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
  other:
    name: {en: Elsewhere, zh-hans: 其他地区}
    services: []
    missing:
      - {kind: emergency, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
      - {kind: crisis, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
      - {kind: sexual-assault, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
      - {kind: domestic-violence, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}
"""


def problems(source: str) -> list[str]:
    return [str(p) for p in parse_support(source, "content/support/resources.yaml")[1]]


def test_a_complete_file_is_accepted() -> None:
    assert problems(VALID) == []


def test_a_number_without_a_source_is_refused_on_its_line() -> None:
    source = VALID.replace("        source: https://example.org/uk\n", "")
    line = next(n for n, text in enumerate(source.splitlines(), 1) if 'phone: "999"' in text) - 2  # its '- kind:' line
    assert (
        f"content/support/resources.yaml:{line}: the service in 'uk' needs 'source': the address of the page "
        "its details were verified against"
    ) in problems(source)


def test_a_number_without_a_verification_date_is_refused() -> None:
    source = VALID.replace(
        "        source: https://example.org/cn\n        verified: 2026-12-02\n",
        "        source: https://example.org/cn\n",
    )
    assert any("needs 'verified'" in p for p in problems(source))


def test_every_region_accounts_for_every_kind_of_help() -> None:
    entry = (
        '      - {kind: domestic-violence, note: {en: a, zh-hans: 一}, source: "https://e.org/s", verified: 2026-12-02}'
    )
    source = VALID.replace(entry + "\n  other:", "  other:")
    assert any("region 'uk' says nothing about 'domestic-violence'" in p for p in problems(source))


def test_the_bundled_directory_covers_every_region_the_issue_names() -> None:
    directory, found = read_support(Path("content"))
    assert found == [] and directory is not None
    assert {"cn", "hk", "tw", "us", "uk", "ca", "au", "nz", "other"} <= set(directory.regions)
    for region in directory.regions.values():
        covered = {s.kind for s in region.services} | {m.kind for m in region.missing}
        assert covered == set(KINDS), region.id
        for service in region.services:
            assert service.source.startswith(("https://", "http://")) and service.verified


@pytest.mark.parametrize(
    ("header", "region"),
    [("en-GB,en;q=0.8", "uk"), ("zh-TW", "tw"), ("zh-HK,zh;q=0.9", "hk"), ("en-AU", "au"), ("en-NZ", "nz"),
     ("en-CA", "ca"), ("en-US", "us"), ("zh-CN", "cn"), ("fr-FR", None)],
)  # fmt: skip
def test_the_region_comes_from_the_browsers_language_region(header: str, region: str | None) -> None:
    directory, _ = read_support(Path("content"))
    assert directory is not None
    assert directory.region_from_accept_language(header) == region


def region_shown(html: str) -> str:
    match = re.search(r'<h3 id="support-region">([^<]+)</h3>', html)
    assert match, "the support block names its region"
    return match.group(1)


def test_support_page_region_from_accept_language_and_from_the_switcher(client: Client) -> None:
    assert region_shown(client.get("/en/support/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()) == "United Kingdom"
    assert region_shown(client.get("/en/support/", HTTP_ACCEPT_LANGUAGE="en-AU").content.decode()) == "Australia"
    # The switcher's choice is kept in the address and wins over the browser.
    html = client.get("/en/support/?region=nz", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert region_shown(html) == "New Zealand"
    assert 'href="?region=uk#support"' in html
    assert region_shown(client.get("/zh-hans/support/").content.decode()) == "中国大陆"
    assert client.get("/en/support/?region=<b>").status_code == HTTPStatus.OK


def test_emergency_numbers_come_before_any_choice_of_region(client: Client) -> None:
    html = client.get("/en/support/").content.decode()
    block = html.split('id="support"', 1)[1]
    emergency = block.index("emergency-line")
    assert emergency < block.index('id="support-region"') < block.index("region-switcher")
    for number in ("110", "999", "911", "000", "111"):
        assert f">{number}</a>" in block[emergency : block.index('id="support-region"')], number


def test_the_support_page_has_a_quick_exit_and_the_safety_note(client: Client) -> None:
    html = client.get("/zh-hans/support/").content.decode()
    assert "data-quick-exit" in html and 'href="https://www.weather.com.cn/"' in html
    assert "staying-safe" in html
    response = client.get("/en/support/")
    assert "Accept-Language" in response["Vary"] and "private" in response["Cache-Control"]


def test_the_cached_coercion_article_takes_its_region_only_from_the_address(
    client: Client, site_content: object
) -> None:
    first = client.get("/en/articles/when-its-not-communication/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    second = client.get("/en/articles/when-its-not-communication/", HTTP_ACCEPT_LANGUAGE="en-AU").content.decode()
    assert region_shown(first) == region_shown(second) == "Elsewhere"
    chosen = client.get("/en/articles/when-its-not-communication/?region=au").content.decode()
    assert region_shown(chosen) == "Australia"
    assert "data-quick-exit" in first
    # Tracking junk neither misses the page cache nor changes what is shown.
    junk = client.get("/en/articles/when-its-not-communication/?utm=123&region=au").content.decode()
    assert region_shown(junk) == "Australia"
