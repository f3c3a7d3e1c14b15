"""Each malformed case gives its own clear message, with the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.factories import article_body, make_site, write_article, write_glossary
from wiki.content.repository import read_content


def problems_for(root: Path) -> list[str]:
    return [str(p) for p in read_content(root)[1]]


def test_valid_site_has_no_problems(small_site: Path) -> None:
    assert problems_for(small_site) == []


def test_bundled_content_is_valid(bundled_site: object) -> None:
    # The fixture itself asserts there are no problems; here, what the wiki promises readers.
    site = bundled_site
    assert len(site.articles) >= 16
    assert all(set(docs) == {"en", "zh-hans"} for docs in site.articles.values())


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"title": ""}, "'title' must be non-empty text"),
        ({"written": "last week"}, "'written' must be a date written YYYY-MM-DD"),
        ({"category": "cooking"}, "unknown category 'cooking'"),
        ({"references": ["Only one."]}, "cite at least 3 references"),
        ({"related": ["no-such-article"]}, "related article 'no-such-article' does not exist"),
        ({"related": ["first-article"]}, "an article cannot be related to itself"),
        ({"colour": "blue"}, "unknown front matter key 'colour'"),
        ({"faq": [{"q": "Only a question?"}] * 4}, "an FAQ entry must have exactly 'q' and 'a'"),
    ],
)
def test_front_matter_problems_are_named(small_site: Path, override: dict[str, Any], message: str) -> None:
    write_article(small_site, "first-article", "en", 1, **override)
    found = problems_for(small_site)
    assert any(message in p and p.startswith("content/articles/first-article/en.md:") for p in found), found


def test_phrase_without_situation_is_reported_on_its_line(small_site: Path) -> None:
    phrases = [{"text": f"Phrase {i}.", "situation": "declining"} for i in range(6)]
    phrases[2] = {"text": "No situation here."}
    path = write_article(small_site, "first-article", "en", 1, phrases=phrases)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "No situation here" in text)
    assert f"content/articles/first-article/en.md:{line}: a phrase has no situation" in problems_for(small_site)


def test_unknown_situation_lists_the_valid_ones(small_site: Path) -> None:
    phrases = [{"text": f"Phrase {i}.", "situation": "flirting"} for i in range(6)]
    write_article(small_site, "first-article", "en", 1, phrases=phrases)
    assert any("unknown situation 'flirting' (use one of: declining" in p for p in problems_for(small_site))


def test_too_few_phrases(small_site: Path) -> None:
    write_article(small_site, "first-article", "en", 1, phrases=[{"text": "One.", "situation": "pause"}])
    assert any("give at least 6 phrases" in p for p in problems_for(small_site))


def test_broken_yaml_reports_its_line(small_site: Path) -> None:
    path = small_site / "articles" / "first-article" / "en.md"
    path.write_text("---\ntitle: fine\nsummary: [unclosed\n---\nbody\n")
    assert any(
        p.startswith("content/articles/first-article/en.md:") and "YAML cannot be read" in p
        for p in problems_for(small_site)
    )


def test_missing_front_matter(small_site: Path) -> None:
    (small_site / "articles" / "first-article" / "en.md").write_text("# Just a heading\n")
    assert "content/articles/first-article/en.md:1: the file must start with '---' and front matter" in problems_for(
        small_site
    )


def test_sections_out_of_order(small_site: Path) -> None:
    body = article_body("en", 1).replace("{#problem}", "{#intro}")
    write_article(small_site, "first-article", "en", 1, body=body)
    assert any("the body's sections must be, in order" in p and "found: intro" in p for p in problems_for(small_site))


def test_step_without_bold_name(small_site: Path) -> None:
    body = article_body("en", 1).replace("2. **Second.**", "2. Second.")
    write_article(small_site, "first-article", "en", 1, body=body)
    assert any("each step starts with its name in bold" in p for p in problems_for(small_site))


def test_case_without_what_changed(small_site: Path) -> None:
    body = article_body("en", 1).replace("**What changed:**", "Afterwards:", 1)
    write_article(small_site, "first-article", "en", 1, body=body)
    assert any(
        "this case story needs a paragraph starting with **What changed:**" in p for p in problems_for(small_site)
    )


def test_concept_without_glossary_entry(small_site: Path) -> None:
    write_article(small_site, "first-article", "en", 1, body=article_body("en", 1, concepts=("secure-base", "mystery")))
    assert any("concept 'mystery' has no glossary entry" in p for p in problems_for(small_site))


def test_link_to_unknown_article(small_site: Path) -> None:
    body = article_body("en", 1).replace(
        "## Conclusion {#conclusion}\n", "## Conclusion {#conclusion}\n\nSee [this](article:nowhere).\n"
    )
    write_article(small_site, "first-article", "en", 1, body=body)
    assert any("link to an unknown article 'nowhere'" in p for p in problems_for(small_site))


def test_link_to_unknown_section_of_a_known_article(small_site: Path) -> None:
    body = article_body("en", 1) + "\nSee [steps](article:second-article#nope).\n"
    write_article(small_site, "first-article", "en", 1, body=body)
    assert any("link to an unknown section '#nope' of 'second-article'" in p for p in problems_for(small_site))


def test_web_link_in_body_is_refused(small_site: Path) -> None:
    body = article_body("en", 1) + "\nSee [elsewhere](https://example.com/).\n"
    write_article(small_site, "first-article", "en", 1, body=body)
    assert any("link 'https://example.com/' must use article:, glossary:" in p for p in problems_for(small_site))


def test_raw_html_is_refused(small_site: Path) -> None:
    write_article(small_site, "first-article", "en", 1, body=article_body("en", 1) + "\n<script>alert(1)</script>\n")
    assert any("raw HTML is not allowed" in p for p in problems_for(small_site))


def test_body_under_length(small_site: Path) -> None:
    short = "\n".join(
        line for line in article_body("en", 1).splitlines() if not line.startswith("Sentence") or "{#" in line
    )
    write_article(small_site, "first-article", "en", 1, body=short)
    assert any("the body has" in p and "write 1200 to 3000" in p for p in problems_for(small_site))


def test_language_pair_with_different_phrase_counts(small_site: Path) -> None:
    phrases = [{"text": f"第{i}句。", "situation": "pause"} for i in range(7)]
    write_article(small_site, "first-article", "zh-hans", 1, phrases=phrases)
    assert any("7 phrases here but 6 in content/articles/first-article/en.md" in p for p in problems_for(small_site))


def test_translation_note_allows_different_counts(small_site: Path) -> None:
    phrases = [{"text": f"第{i}句。", "situation": "pause"} for i in range(7)]
    write_article(
        small_site, "first-article", "zh-hans", 1, phrases=phrases, translation_note="多一句中文语境下常用的说法。"
    )
    assert problems_for(small_site) == []


def test_sentence_repeated_across_articles(small_site: Path) -> None:
    copied = "This exact sentence of more than eight words appears twice across articles."
    for slug, seed in (("first-article", 1), ("second-article", 2)):
        write_article(small_site, slug, "en", seed, body=article_body("en", seed) + f"\n{copied}\n")
    assert any("this sentence also stands in" in p for p in problems_for(small_site))


def test_glossary_entry_missing_a_language(tmp_path: Path) -> None:
    root = make_site(tmp_path / "content")
    (root / "glossary" / "pause-word.yaml").write_text("en:\n  term: Pause word\n  definition: A word.\n")
    assert any(
        "content/glossary/pause-word.yaml" in p and "'zh-hans' needs exactly 'term' and 'definition'" in p
        for p in problems_for(root)
    )


def test_bad_folder_name(small_site: Path) -> None:
    (small_site / "articles" / "Bad Name").mkdir()
    assert any("an article folder's name is its slug" in p for p in problems_for(small_site))


def test_unknown_file_in_article_folder(small_site: Path) -> None:
    (small_site / "articles" / "first-article" / "fr.md").write_text("---\n---\n")
    assert any("unexpected file" in p for p in problems_for(small_site))


def test_glossary_files_are_used_as_written(small_site: Path) -> None:
    write_glossary(small_site, "extra-concept")
    site, problems = read_content(small_site)
    assert problems == []
    assert site.glossary["extra-concept"].terms["en"] == "Extra concept"


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_review_status_must_be_a_known_status(small_site: Path) -> None:
    write_article(small_site, "first-article", "en", 1, review_status="reviewed-by-a-friend")
    assert any("'review_status' must be one of: awaiting-clinical-review" in p for p in problems_for(small_site))


def test_a_clinical_review_names_who_and_when(small_site: Path) -> None:
    write_article(small_site, "first-article", "en", 1, review_status="clinically-reviewed")
    assert any("names 'reviewed_on' (a date) and 'reviewer'" in p for p in problems_for(small_site))


def test_the_old_reviewed_date_is_refused(small_site: Path) -> None:
    write_article(small_site, "first-article", "en", 1, reviewed="2026-11-20")
    assert any("unknown front matter key 'reviewed'" in p for p in problems_for(small_site))


@pytest.mark.parametrize(
    ("language", "old", "new", "expected"),
    [
        ("en", "## Practical steps {#steps}", "## Steps to take {#steps}", "'Practical steps {#steps}'"),
        ("zh-hans", "## 案例故事 {#cases}", "## 案例 {#cases}", "'案例故事 {#cases}'"),
    ],
)
def test_section_headings_are_the_same_in_every_article(
    small_site: Path, language: str, old: str, new: str, expected: str
) -> None:
    path = small_site / "articles" / "first-article" / f"{language}.md"
    _replace_in(path, old, new)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text == new)
    assert f"content/articles/first-article/{language}.md:{line}: this section's heading is {expected}" in " ".join(
        problems_for(small_site)
    )


@pytest.mark.parametrize(
    ("language", "claim"),
    [("en", "These are real stories from our clients."), ("zh-hans", "以下是多个来访者经历的真实经历。")],
)
def test_case_stories_are_never_called_real(small_site: Path, language: str, claim: str) -> None:
    path = small_site / "articles" / "first-article" / f"{language}.md"
    heading = "## Case stories {#cases}" if language == "en" else "## 案例故事 {#cases}"
    _replace_in(path, heading, f"{heading}\n\n{claim}")
    found = problems_for(small_site)
    assert any("case stories are illustrative composites" in p for p in found), found
    assert any("no introduction before the first story" in p for p in found), found


def test_a_case_name_used_in_two_articles_is_reported_where_it_is_reused(small_site: Path) -> None:
    path = small_site / "articles" / "second-article" / "en.md"
    _replace_in(path, "### Cy2 and Di2: another story", "### Ann1 and Di2: another story")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("### Ann1"))
    expected = (
        f"content/articles/second-article/en.md:{line}: the case name 'Ann1' is already used in "
        "content/articles/first-article/en.md"
    )
    assert expected in problems_for(small_site)


def test_a_link_text_naming_another_articles_title_is_reported(small_site: Path) -> None:
    path = small_site / "articles" / "first-article" / "en.md"
    _replace_in(
        path,
        "## The problem {#problem}\n",
        "## The problem {#problem}\n\nSee [Test article 1](article:second-article).\n",
    )
    found = problems_for(small_site)
    assert any(
        "the link text 'Test article 1' is the title of 'first-article' but the link goes to 'second-article'" in p
        for p in found
    ), found


def test_a_link_text_equal_to_its_own_target_title_is_fine(small_site: Path) -> None:
    path = small_site / "articles" / "first-article" / "en.md"
    _replace_in(
        path,
        "## The problem {#problem}\n",
        "## The problem {#problem}\n\nSee [Test article 2](article:second-article).\n",
    )
    assert problems_for(small_site) == []
