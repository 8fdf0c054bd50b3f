"""The entry types the APA 7 style formats, the fields each needs, and warnings for the rest.

A `.bib` entry of a type the style has no APA form for, or without a field its form cannot do
without, would otherwise print a reference that looks right and is not. Each such entry gets
one warning at its `.bib` file and line, typed `apa7.unsupported_type` or `apa7.missing_field`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .reference_cache import entry_digest, style_fingerprint
from .works import site_forms, use_site_bibliography

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

WARNING_TYPE = "apa7"
STYLE_NAME = "sphinx-apa7"

#: A field the form needs, and the other fields that may stand in for it.
_PUBLISHER = ("publisher", "organization", "institution", "school")


@dataclass(frozen=True)
class EntryType:
    """One entry type the style formats: what it prints as and what it cannot do without."""

    printed_as: str
    #: Each item is one required field, given as the fields any of which will do.
    required: tuple[tuple[str, ...], ...]


#: Every BibTeX and biblatex type the style formats (APA 7 chapter 10). Authors and dates are
#: never required: a work without author is listed under its title, one without date as "n.d.".
ENTRY_TYPES: dict[str, EntryType] = {
    "article": EntryType("journal article (§10.1)", (("title",), ("journal",))),
    "book": EntryType("book or edited book (§10.2)", (("title",), _PUBLISHER)),
    "incollection": EntryType(
        "chapter in an edited book (§10.3)", (("title",), ("booktitle",), _PUBLISHER)
    ),
    "inbook": EntryType(
        "chapter in an edited book (§10.3)", (("title",), ("booktitle",), _PUBLISHER)
    ),
    "inproceedings": EntryType(
        "paper in published proceedings (§10.5)", (("title",), ("booktitle",))
    ),
    "conference": EntryType("paper in published proceedings (§10.5)", (("title",), ("booktitle",))),
    "techreport": EntryType("report (§10.4)", (("title",), ("institution", "publisher"))),
    "report": EntryType("report (§10.4)", (("title",), ("institution", "publisher"))),
    "phdthesis": EntryType(
        "doctoral dissertation (§10.6)", (("title",), ("school", "institution"))
    ),
    "mastersthesis": EntryType("master's thesis (§10.6)", (("title",), ("school", "institution"))),
    "thesis": EntryType(
        "thesis or dissertation (§10.6)", (("title",), ("type",), ("school", "institution"))
    ),
    "online": EntryType("web page (§10.16)", (("title",), ("url",))),
    "www": EntryType("web page (§10.16)", (("title",), ("url",))),
    "electronic": EntryType("web page (§10.16)", (("title",), ("url",))),
    "misc": EntryType("web page with a `url`, else a stand-alone work (§10.16)", (("title",),)),
}


def entry_problems(entry: Any) -> list[tuple[str, str]]:
    """(warning subtype, message) for each thing the style cannot print right in `entry`."""
    kind = entry.type.lower()
    entry_type = ENTRY_TYPES.get(kind)
    if entry_type is None:
        supported = ", ".join(f"@{name}" for name in ENTRY_TYPES)
        return [
            (
                "unsupported_type",
                f"@{entry.type}{{{entry.key}}}: the APA 7 style has no form for this type; "
                f"use one of {supported}",
            )
        ]
    present = {name.lower() for name, value in entry.fields.items() if str(value).strip()}
    problems = []
    for alternatives in entry_type.required:
        if not present.intersection(alternatives):
            needed = " or ".join(f"`{name}`" for name in alternatives)
            problems.append(
                (
                    "missing_field",
                    f"@{entry.type}{{{entry.key}}} has no {needed}, which an APA 7 "
                    f"{entry_type.printed_as.split(' (')[0]} needs",
                )
            )
    return problems


# "@type{key," with the spaces BibTeX allows around the brace and the comma.
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,", re.MULTILINE)


def entry_lines(paths: Iterable[Path]) -> dict[str, tuple[Path, int]]:
    """The file and line where each entry starts, by lower-cased key (BibTeX keys ignore case).

    pybtex does not keep where an entry came from, so the sources are searched for
    "@type{key,"; the first file and line listing a key wins, as in pybtex.
    """
    found: dict[str, tuple[Path, int]] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # sphinxcontrib-bibtex and the syntax check report unreadable files
        for match in _ENTRY_START.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault(match.group(2).lower(), (path, line))
    return found


def _uses_apa_citations(app: Sphinx) -> bool:
    return STYLE_NAME in {app.config.bibtex_default_style, app.config.bibtex_reference_style}


def _uses_apa_reference_lists(app: Sphinx) -> bool:
    return bool(app.config.bibtex_default_style == STYLE_NAME)


#: Where the site's citation forms are kept between builds, in the `cite` domain's data.
_SITE_FORMS_DATA_KEY = "sphinx_apa7_site_forms"


def _use_site_bibliography_kept(domain_data: dict[str, Any], entries: list[Any]) -> None:
    """`use_site_bibliography`, with the forms of the last build when the entries are the same.

    The forms depend on every entry of the site's `.bib` files and on the style's code only,
    so they are kept under the entries' contents and the style's fingerprint.
    """
    key = (style_fingerprint(), tuple(entry_digest(entry) for entry in entries))
    kept = domain_data.get(_SITE_FORMS_DATA_KEY)
    if kept is not None and kept[0] == key:
        use_site_bibliography(entries, dict(kept[1]))
        return
    use_site_bibliography(entries)
    domain_data[_SITE_FORMS_DATA_KEY] = (key, site_forms())


def prepare_site_bibliography(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Make the `.bib` files the site's bibliography and warn about entries APA cannot print.

    Runs on `env-updated` before sphinxcontrib-bibtex formats the reference lists, so that
    letters and names are chosen among all the site's works (`sphinx_apa7.works`).
    """
    if not _uses_apa_citations(app):
        return []
    domain: Any = env.get_domain("cite")
    entries = list(domain.bibdata.data.entries.values())
    _use_site_bibliography_kept(domain.data, entries)
    if not _uses_apa_reference_lists(app):
        return []  # another style prints the entries, with its own needs
    problems = [(entry, problem) for entry in entries for problem in entry_problems(entry)]
    if problems:
        lines = entry_lines(Path(path) for path in domain.bibdata.bibfiles)
        for entry, (subtype, message) in problems:
            where = lines.get(entry.key.lower())
            logger.warning(
                message,
                location=f"{where[0]}:{where[1]}" if where else None,
                type=WARNING_TYPE,
                subtype=subtype,
            )
    return []
