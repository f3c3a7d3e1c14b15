"""The private report as a PDF file, drawn with fpdf2.

English is set in Noto Sans (Latin), with Noto Sans CJK only for any Chinese characters; Chinese is
set in Noto Sans CJK. English lines are ragged-right; Chinese lines follow Chinese line-breaking
rules (assessment.linebreak). Headings never stand alone at the foot of a page. It holds the same
content as the report page, so a reader can keep it offline.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode

from base.fonts import SC_FACE, font_path
from base.linebreak import break_lines

ACCENT = (47, 111, 98)
ACCENT_SOFT = (214, 232, 226)
MUTED = (92, 87, 80)
INK = (35, 33, 31)
TRACK = (232, 227, 219)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str]
    numbered: bool = False
    intro: str = ""  # a paragraph before a numbered list, not numbered itself


@dataclass(frozen=True)
class ScaleBar:
    """One row of the profile chart: a score from 0 to 100 with its measurement band."""

    name: str
    score: int
    low_label: str
    high_label: str
    band: tuple[int, int] | None = None
    level: str = ""


@dataclass(frozen=True)
class ReportDocument:
    language: str
    site_name: str
    kicker: str
    title: str
    summary: str
    note: str
    sections: list[Section]
    chart_heading: str = ""
    scales: list[ScaleBar] = field(default_factory=list)
    # A PNG of the pattern's emblem, drawn beside the title when given.
    emblem_png: bytes | None = None


def font_files() -> dict[str, Path]:
    return {kind: font_path(kind) for kind in ("cjk", "cjk-bold", "latin", "latin-bold")}


class _Report(FPDF):
    def __init__(self, document: ReportDocument) -> None:
        super().__init__(format="A4")
        self.document = document
        self.chinese = document.language.startswith("zh")
        files = font_files()
        self.add_font("cjk", "", str(files["cjk"]), collection_font_number=SC_FACE)
        self.add_font("cjk", "B", str(files["cjk-bold"]), collection_font_number=SC_FACE)
        if self.chinese:
            self.family = "cjk"
        else:
            self.add_font("latin", "", str(files["latin"]))
            self.add_font("latin", "B", str(files["latin-bold"]))
            self.family = "latin"
            # A Chinese name or word in an English report still needs its glyphs.
            self.set_fallback_fonts(["cjk"], exact_match=False)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.set_title(document.title)
        self.set_creator(document.site_name)
        self.set_lang("zh-Hans" if self.chinese else "en")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.document.site_name} · {self.page_no()}", align="C")

    # --- text ---------------------------------------------------------------------------------

    def line_height(self, size: float) -> float:
        return size * (0.62 if self.chinese else 0.56)

    def lines(self, text: str, size: float, bold: bool = False, indent: float = 0) -> list[str]:
        self.set_font(self.family, "B" if bold else "", size=size)
        width = self.epw - indent
        if self.chinese:
            return break_lines(text, width, self.get_string_width)
        wrapped = self.multi_cell(
            width, self.line_height(size), text, dry_run=True, output=MethodReturnValue.LINES, wrapmode=WrapMode.WORD
        )
        return [str(line) for line in wrapped] if isinstance(wrapped, list) else []

    def space_left(self) -> float:
        return self.page_break_trigger - self.get_y()

    def paragraph(
        self, text: str, size: float = 10.5, colour: tuple[int, int, int] = INK, bold: bool = False, indent: float = 0
    ) -> None:
        lines = self.lines(text, size, bold, indent)
        self.set_text_color(*colour)
        height = self.line_height(size)
        for line in lines:
            self.set_x(self.l_margin + indent)
            self.cell(self.epw - indent, height, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.6)

    def heading(self, text: str, first_paragraph: str = "") -> None:
        """A heading moves to the next page with its first lines rather than stand alone."""
        needed = self.line_height(14) + 4 + 3 * self.line_height(10.5)
        if first_paragraph:
            needed = self.line_height(14) + 4 + min(3, len(self.lines(first_paragraph, 10.5))) * self.line_height(10.5)
        if self.space_left() < needed:
            self.add_page()
        self.ln(3)
        self.paragraph(text, 14, ACCENT, bold=True)

    # --- the profile chart ----------------------------------------------------------------------

    def chart(self, heading: str, scales: list[ScaleBar]) -> None:
        row = 15.0
        self.heading(heading)
        label_width = 48.0
        track_x = self.l_margin + label_width
        track_width = self.epw - label_width
        for scale in scales:
            if self.space_left() < row + 2:
                self.add_page()
            top = self.get_y()
            self.set_xy(self.l_margin, top)
            self.set_font(self.family, "B", size=9.5)
            self.set_text_color(*INK)
            self.cell(label_width - 2, 5, scale.name)
            self.set_font(self.family, "", size=9.5)
            self.cell(0, 5, f"{scale.score}" + (f" · {scale.level}" if scale.level else ""), align="R")
            bar_y = top + 6
            self.set_fill_color(*TRACK)
            self.rect(track_x, bar_y, track_width, 3.2, style="F")
            if scale.band:
                low, high = scale.band
                self.set_fill_color(*ACCENT_SOFT)
                self.rect(track_x + track_width * low / 100, bar_y, track_width * (high - low) / 100, 3.2, style="F")
            self.set_fill_color(*ACCENT)
            marker = track_x + track_width * scale.score / 100
            self.rect(max(track_x, marker - 0.9), bar_y - 1.2, 1.8, 5.6, style="F")
            self.set_font(self.family, "", size=7.5)
            self.set_text_color(*MUTED)
            self.set_xy(track_x, bar_y + 4)
            self.cell(track_width / 2, 3.5, scale.low_label)
            self.cell(track_width / 2, 3.5, scale.high_label, align="R")
            self.set_xy(self.l_margin, top + row)
        self.ln(2)


def report_pdf(document: ReportDocument) -> bytes:
    pdf = _Report(document)
    pdf.add_page()
    top = pdf.get_y()
    if document.emblem_png:
        pdf.image(io.BytesIO(document.emblem_png), x=pdf.w - pdf.r_margin - 26, y=top, w=26, h=26)
    pdf.paragraph(document.site_name, 9, ACCENT, bold=True)
    pdf.paragraph(document.kicker, 10, MUTED)
    pdf.paragraph(document.title, 22, INK, bold=True)
    pdf.paragraph(document.summary, 12, MUTED)
    pdf.paragraph(document.note, 8.5, MUTED)
    if document.scales:
        pdf.chart(document.chart_heading, document.scales)
    for section in document.sections:
        pdf.heading(section.heading, section.intro or (section.paragraphs[0] if section.paragraphs else ""))
        if section.intro:
            pdf.paragraph(section.intro)
        for index, text in enumerate(section.paragraphs, start=1):
            if section.numbered:
                marker = f"{index}." if not pdf.chinese else f"{index}．"
                pdf.paragraph(f"{marker} {text}")
            else:
                pdf.paragraph(text)
    return bytes(pdf.output())
