"""docs/references.bib parses strictly and follows the blog's field conventions."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pybtex.errors
import pytest
from pybtex.database import BibliographyData, BibliographyDataError, parse_file

DOCS = Path(__file__).parents[2] / "docs"
BIB = DOCS / "references.bib"

REQUIRED = {
    "article": {"author", "title", "journal", "year"},
    "book": {"author", "title", "publisher", "year"},
    "incollection": {"author", "title", "booktitle", "editor", "publisher", "year", "pages"},
}
PERSON_ROLES = {"author", "editor"}
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PAGES = re.compile(r"^\d+(?:--\d+)?$")
TEX_ACCENTS = re.compile(r"""\\['"`^~=.uvHckbdrt]|\{\\""")
# The start of an entry: "@type{key," (BibTeX allows spaces around the braces and the comma).
ENTRY_START = re.compile(r"^\s*@\s*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)*\}`([^`]*)`")


def parse_strictly(path: Path) -> BibliographyData:
    """Parse `path` with pybtex's strict mode on, so any problem raises instead of warning."""
    previous = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        return parse_file(str(path), bib_format="bibtex")
    finally:
        pybtex.errors.set_strict_mode(previous)


def keys_in_source(text: str) -> list[str]:
    """Every entry key in BibTeX source, in order, duplicates kept; @comment and such skipped."""
    skipped = {"comment", "preamble", "string"}
    return [key for kind, key in ENTRY_START.findall(text) if kind.lower() not in skipped]


@pytest.fixture(scope="module")
def bib() -> BibliographyData:
    return parse_strictly(BIB)


@pytest.fixture(scope="module")
def source() -> str:
    return BIB.read_text(encoding="utf-8")


def fields_of(entry: object) -> set[str]:
    """Lower-cased names of an entry's plain fields and of its person roles."""
    fields = {name.lower() for name in entry.fields}  # type: ignore[attr-defined]
    return fields | {role.lower() for role in entry.persons}  # type: ignore[attr-defined]


def test_every_entry_parses(bib: BibliographyData, source: str) -> None:
    assert len(bib.entries) == len(keys_in_source(source)) > 0


def test_entry_types_are_known(bib: BibliographyData) -> None:
    unknown = {key: e.type for key, e in bib.entries.items() if e.type.lower() not in REQUIRED}
    assert not unknown, f"use @article, @book or @incollection: {unknown}"


@pytest.mark.parametrize("key", sorted(parse_strictly(BIB).entries.keys()))
def test_required_fields_present(bib: BibliographyData, key: str) -> None:
    entry = bib.entries[key]
    missing = REQUIRED[entry.type.lower()] - fields_of(entry)
    assert not missing, f"{key} (@{entry.type}) lacks {sorted(missing)}"
    for name in REQUIRED[entry.type.lower()] - PERSON_ROLES:
        assert entry.fields[name].strip(), f"{key}: {name} is empty"


def test_no_duplicate_keys_in_source(source: str) -> None:
    # BibTeX keys are case-insensitive, so "Frost2017" and "frost2017" collide.
    counts = Counter(key.lower() for key in keys_in_source(source))
    duplicates = sorted(key for key, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate keys: {duplicates}"


def test_duplicate_detection_works(tmp_path: Path) -> None:
    """Both guards catch a repeated key, so the two tests above cannot pass vacuously."""
    entry = "@book{same2020key,\n  author = {A, B.},\n  title = {T},\n  publisher = {P},\n"
    text = entry + "  year = {2020}\n}\n\n" + entry.replace("same2020key", "Same2020Key") + "}\n"
    path = tmp_path / "dup.bib"
    path.write_text(text, encoding="utf-8")
    assert keys_in_source(text) == ["same2020key", "Same2020Key"]
    with pytest.raises(BibliographyDataError, match="repeated"):
        parse_strictly(path)


def test_dois_are_bare_and_well_formed(bib: BibliographyData) -> None:
    bad = {
        key: e.fields["doi"]
        for key, e in bib.entries.items()
        if "doi" in e.fields and not DOI.match(e.fields["doi"])
    }
    assert not bad, f"write DOIs as 10.xxxx/..., without https://doi.org/: {bad}"


def test_page_ranges_use_double_hyphen(bib: BibliographyData, source: str) -> None:
    bad = {
        key: e.fields["pages"]
        for key, e in bib.entries.items()
        if "pages" in e.fields and not PAGES.match(e.fields["pages"])
    }
    assert not bad, f"write page ranges as 157--179: {bad}"
    # The same check on the raw text, in case a parser ever normalises dashes.
    raw = re.findall(r"^\s*pages\s*=\s*[{\"]([^}\"]*)", source, flags=re.MULTILINE | re.IGNORECASE)
    assert raw
    assert all(PAGES.match(value) for value in raw), raw


def test_names_have_no_tex_accent_macros(bib: BibliographyData, source: str) -> None:
    bad = {
        key: str(person)
        for key, e in bib.entries.items()
        for people in e.persons.values()
        for person in people
        if TEX_ACCENTS.search(str(person))
    }
    assert not bad, f"write accented letters directly (Díaz, Bürkner): {bad}"
    raw = re.findall(
        r"^\s*(?:author|editor)\s*=\s*(.*)$", source, flags=re.MULTILINE | re.IGNORECASE
    )
    assert raw
    assert not [line for line in raw if TEX_ACCENTS.search(line)]


def test_tex_accent_check_catches_macros() -> None:
    for name in (r"Anger-D{\'\i}az, B.", r"B{\"u}rkner, P.-C.", r"B\"urkner, P.-C."):
        assert TEX_ACCENTS.search(name), name
    assert not TEX_ACCENTS.search("Anger-Díaz, B. and Bürkner, P.-C.")


def test_every_cited_key_exists(bib: BibliographyData) -> None:
    keys = {key.lower() for key in bib.entries}
    missing: dict[str, list[str]] = {}
    cited = 0
    for page in sorted(DOCS.rglob("*.md")):
        if "_build" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        # Examples inside code (the writing guide's) are not citations.
        text = re.sub(r"^(`{3,})[^\n]*\n.*?^\1\s*$", "", text, flags=re.MULTILINE | re.DOTALL)
        text = re.sub(r"``.*?``", "", text, flags=re.DOTALL)
        text = re.sub(r"`\{cite(?::[a-z]+)*\}`", "", text)  # a role's name shown as code
        for roles in CITE_ROLE.findall(text):
            cited += 1
            for raw in roles.split(","):
                key = re.sub(r"^\{[^}]*\}|\{[^}]*\}$", "", raw.strip()).strip()
                if key.lower() not in keys:
                    missing.setdefault(str(page.relative_to(DOCS)), []).append(key)
    assert cited, "no citations found in docs/: is the role pattern still right?"
    assert not missing, f"cited but not in references.bib: {missing}"
