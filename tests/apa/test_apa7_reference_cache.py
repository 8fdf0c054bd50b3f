"""Formatted references kept between builds: rebuilt sites equal fresh ones, and are cheaper.

Each test builds a small blog (test-citations, with test-citation-index's pages on top), edits
it, rebuilds it with the pickled environment, and compares every page with a fresh build of
the edited blog; or counts how many references the style formats on the second build.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from series_helpers import copy_root, edit
from sphinx_apa7.bibliography import APA7Style
from sphinx_apa7.domain import IndexedBibtexDomain

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

NEW_WORK = """
@book{mueller2019attachment,
  author    = {Müller-Beispiel, Anna-Lena},
  title     = {Attachment and its histories},
  publisher = {Example Press},
  year      = {2019},
}
"""


def citation_site(rootdir: Path, tmp_path: Path) -> Path:
    """test-citations' posts and .bib, with test-citation-index's conf.py and pages on top."""
    srcdir = copy_root(rootdir, "citations", tmp_path)
    shutil.copytree(rootdir / "test-citation-index", srcdir, dirs_exist_ok=True)
    return srcdir


def retitle_entry(srcdir: Path) -> None:
    edit(
        srcdir / "references.bib",
        "Exploring the link between daily relationship quality",
        "Exploring the ties between daily relationship quality",
    )


def add_a_work_that_takes_a_letter(srcdir: Path) -> None:
    # A third Müller-Beispiel 2019 whose title sorts first: the other two change letters.
    bib = srcdir / "references.bib"
    bib.write_text(bib.read_text(encoding="utf8") + NEW_WORK, encoding="utf8")
    edit(
        srcdir / "post-desire.md",
        "so has closeness",
        "so has attachment {cite:p}`mueller2019attachment` and closeness",
    )


def add_a_citation(srcdir: Path) -> None:
    edit(
        srcdir / "post-closeness.md",
        "Orgasm experience differs",
        "Intimacy is measurable {cite:p}`constant2018intimacy`. Orgasm experience differs",
    )


def remove_a_citation(srcdir: Path) -> None:
    edit(srcdir / "post-desire.md", "\n{cite:p}`mueller2019closeness`.", ".")


def retitle_a_post(srcdir: Path) -> None:
    edit(srcdir / "post-closeness.md", "# Closeness in long-term couples", "# Staying close")


EDITS: dict[str, Callable[[Path], None]] = {
    "bib-entry-edited": retitle_entry,
    "bib-entry-added-letters-change": add_a_work_that_takes_a_letter,
    "citation-added": add_a_citation,
    "citation-removed": remove_a_citation,
    "post-retitled": retitle_a_post,
}


def build(make_app, srcdir: Path, builder: str, builddir: Path, **kwargs):
    app = make_app(builder, srcdir=srcdir, builddir=builddir, **kwargs)
    assert type(app.env.domains["cite"]) is IndexedBibtexDomain
    app.build()
    return app


def pages(app) -> dict[str, bytes]:
    """Every written page, byte for byte, keyed by its path in the output folder."""
    return {
        str(path.relative_to(app.outdir)): path.read_bytes()
        for path in sorted(app.outdir.rglob("*"))
        if path.suffix in {".html", ".tex"}
    }


def without_navigation(page: bytes) -> str:
    """An HTML page without Sphinx's site navigation: previous/next links, sidebar, relbar."""
    soup = BeautifulSoup(page, "html.parser")
    for element in soup.select(
        'link[rel="prev"], link[rel="next"], div.related, div.sphinxsidebar'
    ):
        element.decompose()
    return str(soup)


@pytest.mark.parametrize("builder", ["html", "latex"])
@pytest.mark.parametrize("edit_site", EDITS.values(), ids=EDITS.keys())
def test_rebuilt_site_equals_a_fresh_build(make_app, rootdir, tmp_path, builder, edit_site):
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, builder, tmp_path / "rebuilt", freshenv=True)
    edit_site(srcdir)
    rebuilt = build(make_app, srcdir, builder, tmp_path / "rebuilt")
    cache = rebuilt.env.domains["cite"].last_reference_cache
    assert cache.carried_over, "the rebuild took nothing from the cache"
    fresh = build(make_app, srcdir, builder, tmp_path / "fresh", freshenv=True)
    rebuilt_pages, fresh_pages = pages(rebuilt), pages(fresh)
    assert rebuilt_pages.keys() == fresh_pages.keys()
    different = [name for name in fresh_pages if rebuilt_pages[name] != fresh_pages[name]]
    if edit_site is retitle_a_post and builder == "html":
        # Sphinx does not rewrite the pages whose navigation shows a changed title (its own
        # incremental-build limit, whatever the extensions): those may differ only there.
        assert "post-closeness.html" not in different
        different = [
            name
            for name in different
            if without_navigation(rebuilt_pages[name]) != without_navigation(fresh_pages[name])
        ]
    assert different == []
    assert len(fresh_pages) >= (5 if builder == "html" else 1)


def test_each_output_is_rewritten_against_what_it_last_showed(make_app, rootdir, tmp_path):
    """An edit built into the PDF first still rewrites the HTML pages it changes."""
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, "html", tmp_path / "rebuilt", freshenv=True)
    add_a_citation(srcdir)
    build(make_app, srcdir, "latex", tmp_path / "rebuilt")
    rebuilt = build(make_app, srcdir, "html", tmp_path / "rebuilt")
    fresh = build(make_app, srcdir, "html", tmp_path / "fresh", freshenv=True)
    assert pages(rebuilt) == pages(fresh)


def test_the_edit_shows_in_the_rebuilt_pages(make_app, rootdir, tmp_path):
    """The comparison above would pass if neither build saw the edits: check that both do."""
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, "html", tmp_path / "rebuilt", freshenv=True)
    for edit_site in EDITS.values():
        edit_site(srcdir)
    rebuilt = pages(build(make_app, srcdir, "html", tmp_path / "rebuilt"))
    desire = rebuilt["post-desire.html"].decode()
    assert "Exploring the ties between" in desire
    assert "Attachment and its histories" in desire
    # The new work sorts first among the three, so the former 2019b (desire) is now 2019c.
    assert "(2019a). <em>Attachment" in desire
    assert "(2019c). <em>Desire" in desire
    assert "Closeness and distance in couples" not in desire
    closeness = rebuilt["post-closeness.html"].decode()
    assert "Staying close" in closeness
    assert "Attachment orientation and relational intimacy" in closeness


@pytest.fixture
def format_calls(monkeypatch) -> list[str]:
    """The key of every entry the APA 7 style formats, in order."""
    calls: list[str] = []
    original = APA7Style.format_entry_in_form

    def counting(self, label, entry, form, bib_data=None):
        calls.append(entry.key)
        return original(self, label, entry, form, bib_data)

    monkeypatch.setattr(APA7Style, "format_entry_in_form", counting)
    return calls


def test_each_work_is_formatted_once_not_once_per_list(make_app, rootdir, tmp_path, format_calls):
    srcdir = citation_site(rootdir, tmp_path)
    app = build(make_app, srcdir, "html", tmp_path / "out", freshenv=True)
    listed = [citation.key for citation in app.env.domains["cite"].citations]
    assert len(listed) > len(set(listed))  # several lists share works
    assert sorted(format_calls) == sorted(set(listed))


def test_a_body_edit_formats_nothing(make_app, rootdir, tmp_path, format_calls):
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, "html", tmp_path / "out", freshenv=True)
    format_calls.clear()
    edit(srcdir / "post-desire.md", "Daily closeness", "Day by day, closeness")
    app = build(make_app, srcdir, "html", tmp_path / "out")
    assert "Day by day" in (app.outdir / "post-desire.html").read_text(encoding="utf8")
    assert format_calls == []
    assert app.env.domains["cite"].last_reference_cache.computed == 0


def test_an_edited_entry_is_the_only_one_formatted_again(make_app, rootdir, tmp_path, format_calls):
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, "html", tmp_path / "out", freshenv=True)
    format_calls.clear()
    retitle_entry(srcdir)
    app = build(make_app, srcdir, "html", tmp_path / "out")
    # Listed by two posts and the page of every work: formatted once.
    assert format_calls == ["dewitte2018sexual"]
    assert "Exploring the ties" in (app.outdir / "references.html").read_text(encoding="utf8")


def test_a_changed_style_is_not_served_from_the_cache(
    make_app, rootdir, tmp_path, format_calls, monkeypatch
):
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, "html", tmp_path / "out", freshenv=True)
    first = len(format_calls)
    build(make_app, srcdir, "html", tmp_path / "out")
    assert len(format_calls) == first  # nothing changed, nothing formatted
    # An edited or upgraded style has another fingerprint: every reference is formatted anew.
    monkeypatch.setattr(
        "sphinx_apa7.reference_cache.style_fingerprint", lambda: "another version of the style"
    )
    app = build(make_app, srcdir, "html", tmp_path / "out")
    assert len(format_calls) == 2 * first
    assert app.env.domains["cite"].last_reference_cache.carried_over == 0


def test_the_fingerprint_follows_the_libraries(monkeypatch):
    from sphinx_apa7 import reference_cache

    before = reference_cache.style_fingerprint()
    assert reference_cache.style_fingerprint() == before
    monkeypatch.setattr(reference_cache, "_library_version", lambda name: "999")
    assert reference_cache.style_fingerprint() != before


@pytest.fixture
def site_forms_computed(monkeypatch) -> list[int]:
    """How many entries each computation of citation forms covered, in order."""
    from sphinx_apa7 import works

    calls: list[int] = []
    original = works.citation_forms

    def counting(entries):
        entries = list(entries)
        calls.append(len(entries))
        return original(entries)

    monkeypatch.setattr(works, "citation_forms", counting)
    return calls


def test_site_letters_are_worked_out_again_only_when_the_bib_changes(
    make_app, rootdir, tmp_path, site_forms_computed
):
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, "html", tmp_path / "out", freshenv=True)
    assert site_forms_computed == [8]  # the .bib file's eight works, once
    edit(srcdir / "post-desire.md", "Daily closeness", "Day by day, closeness")
    build(make_app, srcdir, "html", tmp_path / "out")
    assert site_forms_computed == [8]
    add_a_work_that_takes_a_letter(srcdir)
    app = build(make_app, srcdir, "html", tmp_path / "out")
    assert site_forms_computed == [8, 9]
    assert "(2019a). <em>Attachment" in (app.outdir / "post-desire.html").read_text("utf8")
