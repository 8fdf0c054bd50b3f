"""Turn built LaTeX into PDF text and check EPUBs, with the same tools readers' copies pass."""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from system_tools import require_epubcheck, require_tools
from toolchain import latex_errors, latexmk_command

if TYPE_CHECKING:
    from pathlib import Path


def build_pdf(latex_dir: Path, jobname: str) -> Path:
    """Run Read the Docs' latexmk line in `latex_dir` and return the PDF; LaTeX errors fail."""
    require_tools("latexmk", "xelatex")
    subprocess.run(
        latexmk_command(jobname),
        cwd=latex_dir,
        capture_output=True,
        check=False,
        timeout=600,
    )
    log = latex_dir / f"{jobname}.log"
    assert log.exists(), f"latexmk wrote no {log.name}"
    assert latex_errors(log) == []
    pdf = latex_dir / f"{jobname}.pdf"
    assert pdf.exists()
    return pdf


def pdf_text(pdf: Path) -> str:
    """The PDF's text as `pdftotext -layout` reads it, with line-end hyphenation left as is."""
    require_tools("pdftotext")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def epubcheck(epub: Path) -> subprocess.CompletedProcess[str]:
    """Run epubcheck on `epub`; the caller asserts on `returncode` and the report."""
    jar = require_epubcheck()
    return subprocess.run(
        ["java", "-jar", jar, str(epub)], capture_output=True, text=True, check=False, timeout=300
    )
