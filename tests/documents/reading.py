"""Reading back what we render: PDF text by pypdf and by poppler's pdftotext, DOCX text by python-docx."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

import docx
import pypdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"


def pypdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def pdftotext(data: bytes, *, raw: bool = True) -> str:
    """poppler's text in content order (-raw), as a screen reader or a copy of the whole page reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        command = ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", pdf.name, "-"]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    return "\n".join(parts)


def squeezed(text: str) -> str:
    """Text without whitespace: lines wrap wherever the column ends, the words themselves must not change."""
    return re.sub(r"\s+", "", text)


def contains(haystack: str, needle: str) -> bool:
    return squeezed(needle) in squeezed(haystack)


def first_page_png(data: bytes, name: str) -> Path:
    """The first page rendered by poppler at 100 dpi, kept under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf_path = ARTIFACTS / f"{name}.pdf"
    pdf_path.write_bytes(data)
    prefix = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf_path), str(prefix)],
        check=True,
        timeout=60,
    )
    return prefix.with_suffix(".png")


def fonts_of(data: bytes) -> set[str]:
    """Base font names embedded in the PDF (pdffonts)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        listing = subprocess.run(["pdffonts", pdf.name], check=True, capture_output=True, text=True, timeout=60)
    return {line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:] if line.strip()}
