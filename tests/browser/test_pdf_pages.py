"""The PDF's pages with the series boxes and with the references, rendered for people to see.

Each page is found by its text, rendered to ``artifacts/pdf-pages/`` with ``pdftoppm`` and
read back on its own with ``pdftotext -f N -l N``.
"""

from __future__ import annotations

import subprocess

import pytest

from browser_tools import one_line
from outputs import pdf_text
from system_tools import require_tools

TOP_BOX = "Part 1 of 3 in the series Healthy Intimacy"
BOTTOM_BOX = (
    "Parts of the series Healthy Intimacy "
    "1. Healthy Intimacy "
    "2. Sexual Problems and Therapeutic Approaches (coming soon) "
    "3. EMDR Within a Systems Approach (coming soon) "
    "Next in series: Sexual Problems and Therapeutic Approaches (coming soon)"
)
REFERENCE = "Dewitte, M., & Mayer, A. (2018)."


def page_text(pdf, number: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True,
        check=True,
    )
    return one_line(result.stdout.decode("utf-8"))


def first_page_with(pages: list[str], text: str) -> int:
    """The 1-based number of the first page whose text holds *text*."""
    return next(number for number, page in enumerate(pages, start=1) if text in page)


@pytest.mark.needs_tex
def test_series_box_and_reference_pages(real_pdf, artifact_dir):
    require_tools("pdftotext", "pdftoppm")
    # pdftotext ends each page with a form feed.
    pages = [one_line(page) for page in pdf_text(real_pdf).split("\f")]
    wanted = {
        "series-top": first_page_with(pages, TOP_BOX),
        "series-bottom": first_page_with(pages, "Parts of the series Healthy Intimacy"),
        "references": first_page_with(pages, REFERENCE),
    }
    # The post opens with its top box, and its bottom box comes before the references.
    assert wanted["series-top"] <= wanted["series-bottom"] < wanted["references"]

    folder = artifact_dir("pdf-pages")
    for name, number in wanted.items():
        png = folder / f"{name}-page-{number}"
        page_range = ["-f", str(number), "-l", str(number)]
        subprocess.run(
            ["pdftoppm", *page_range, "-r", "80", "-png", "-singlefile", str(real_pdf), str(png)],
            check=True,
            capture_output=True,
        )
        assert png.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    assert TOP_BOX in page_text(real_pdf, wanted["series-top"])
    assert BOTTOM_BOX in page_text(real_pdf, wanted["series-bottom"])
    references = page_text(real_pdf, wanted["references"])
    assert REFERENCE in references
    assert "https://doi.org/10.1007/s10508-018-1175-x" in references
