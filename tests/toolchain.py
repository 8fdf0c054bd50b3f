"""The system tools the builds need: one table for the noxfile and the tests.

No dependency beyond the standard library, so that `noxfile.py` can import it before any
virtual environment exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: Debian packages that provide each system tool a session or a test may need.
DEBIAN_PACKAGES = {
    "latexmk": "latexmk texlive-latex-extra texlive-fonts-recommended",
    "xelatex": "texlive-xetex fonts-freefont-otf tex-gyre",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "java": "default-jre-headless epubcheck",
    "chromium": "chromium libatomic1",
    "pandoc": "pandoc",
}


def latexmk_command(jobname: str) -> list[str]:
    """Read the Docs' latexmk line; it exits 12 when -f carried on past an error."""
    return [
        "latexmk",
        "-r",
        "latexmkrc",
        "-pdf",
        "-f",
        "-dvi-",
        "-ps-",
        f"-jobname={jobname}",
        "-interaction=nonstopmode",
    ]


def latex_errors(log: Path) -> list[str]:
    """Error lines ("! ...") of a LaTeX log, which latexmk -f would otherwise carry on past."""
    if not log.exists():
        return [f"{log} was not written"]
    text = log.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if line.startswith("!")]
