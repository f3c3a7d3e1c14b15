"""Every interface word has its Chinese, on the server and in site.js (through Django's JS catalog)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client

from base.chinese import has_han

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
SCRIPTS = sorted((ROOT / "core" / "static" / "js").glob("*.js"))
GETTEXT_CALL = re.compile(r"""\bgettext\(\s*"((?:[^"\\]|\\.)*)"\s*\)""")


def po_entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each entry but the header, read line by line as gettext does."""
    entries: list[tuple[str, str, bool]] = []
    fields: dict[str, str] = {}
    fuzzy = next_fuzzy = False
    current = ""

    def finish() -> None:
        if fields.get("msgid"):
            entries.append((fields["msgid"], fields.get("msgstr", fields.get("msgstr[0]", "")), fuzzy))

    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#,"):
            next_fuzzy = next_fuzzy or "fuzzy" in line
        elif line.startswith("msgid "):
            finish()
            fields, fuzzy, next_fuzzy = {}, next_fuzzy, False
            current, _, rest = line.partition(" ")
            fields[current] = json.loads(rest)
        elif line.startswith(("msgstr", "msgid_plural")):
            current, _, rest = line.partition(" ")
            fields[current] = json.loads(rest)
        elif line.startswith('"') and current:
            fields[current] += json.loads(line)
    finish()
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_message_has_a_settled_chinese_translation(domain: str) -> None:
    entries = po_entries(LOCALE / f"{domain}.po")
    assert entries
    assert [msgid for msgid, msgstr, _ in entries if not msgstr] == []
    assert [msgid for msgid, _, fuzzy in entries if fuzzy] == []


def test_site_js_holds_no_chinese_and_asks_the_catalog_for_its_words() -> None:
    words = [word for script in SCRIPTS for word in GETTEXT_CALL.findall(script.read_text("utf-8"))]
    assert {"Copied", "Deleted"} <= set(words)
    assert not [script.name for script in SCRIPTS if has_han(script.read_text("utf-8"))]
    assert set(words) <= {msgid for msgid, _, _ in po_entries(LOCALE / "djangojs.po")}


@pytest.mark.django_db
def test_the_catalog_serves_each_language_its_words(client: Client, site_content: object) -> None:
    chinese = client.get("/zh-hans/jsi18n/")
    assert chinese.status_code == 200 and "max-age" in chinese["Cache-Control"]
    assert "\\u5df2\\u590d\\u5236" in chinese.content.decode()  # 已复制, "Copied"
    english = client.get("/en/jsi18n/").content.decode()
    assert "\\u5df2" not in english
    page = client.get("/zh-hans/phrases/").content.decode()
    assert page.index('src="/zh-hans/jsi18n/"') < page.index("js/site")
