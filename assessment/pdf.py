"""The private report as a PDF file, drawn with fpdf2 in Noto Sans CJK (Latin and Chinese).

It holds the same content as the report page, so a reader can keep it offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from sharing.images import FONT_DIRS, SC_FACE, FontMissing

ACCENT = (47, 111, 98)
MUTED = (92, 87, 80)
INK = (35, 33, 31)


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str]
    numbered: bool = False


@dataclass(frozen=True)
class ReportDocument:
    language: str
    site_name: str
    kicker: str
    title: str
    summary: str
    note: str
    sections: list[Section]


def _font_path(weight: str) -> Path:
    for folder in FONT_DIRS:
        path = folder / f"NotoSansCJK-{weight}.ttc"
        if path.exists():
            return path
    raise FontMissing("Noto Sans CJK is not installed: run bin/system-deps run")


class _Report(FPDF):
    def __init__(self, document: ReportDocument) -> None:
        super().__init__(format="A4")
        self.document = document
        self.wrap = "CHAR" if document.language.startswith("zh") else "WORD"
        self.add_font("noto", "", str(_font_path("Regular")), collection_font_number=SC_FACE)
        self.add_font("noto", "B", str(_font_path("Bold")), collection_font_number=SC_FACE)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.set_title(document.title)
        self.set_creator(document.site_name)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("noto", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.document.site_name} · {self.page_no()}", align="C")

    def paragraph(self, text: str, size: float = 10.5, colour: tuple[int, int, int] = INK, bold: bool = False) -> None:
        self.set_font("noto", "B" if bold else "", size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.62, text, wrapmode=self.wrap, new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)


def report_pdf(document: ReportDocument) -> bytes:
    pdf = _Report(document)
    pdf.add_page()
    pdf.paragraph(document.site_name, 9, ACCENT, bold=True)
    pdf.paragraph(document.kicker, 10, MUTED)
    pdf.paragraph(document.title, 22, INK, bold=True)
    pdf.paragraph(document.summary, 12, MUTED)
    pdf.paragraph(document.note, 8.5, MUTED)
    for section in document.sections:
        pdf.ln(3)
        pdf.paragraph(section.heading, 14, ACCENT, bold=True)
        for index, text in enumerate(section.paragraphs, start=1):
            pdf.paragraph(f"{index}. {text}" if section.numbered else text)
    return bytes(pdf.output())
