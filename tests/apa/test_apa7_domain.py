"""The indexed `cite` domain writes what sphinxcontrib-bibtex's own domain writes."""

from __future__ import annotations

import logging
import re
import shutil
from typing import TYPE_CHECKING

import pytest
import sphinxcontrib.bibtex.domain
from sphinxcontrib.bibtex.domain import BibtexDomain

from series_helpers import copy_root, edit
from sphinx_apa7.domain import IndexedBibtexDomain

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

ORIGINAL = "original_bibtex_domain"


def citation_site(rootdir: Path, tmp_path: Path) -> Path:
    """test-citations' posts and .bib, with test-citation-index's conf.py and pages on top."""
    srcdir = copy_root(rootdir, "citations", tmp_path)
    shutil.copytree(rootdir / "test-citation-index", srcdir, dirs_exist_ok=True)
    return srcdir


def build(make_app, srcdir: Path, builder: str, outdir: Path, *, original: bool, **kwargs):
    app = make_app(
        builder,
        srcdir=srcdir,
        builddir=outdir,
        tags=[ORIGINAL] if original else [],
        **kwargs,
    )
    expected = BibtexDomain if original else IndexedBibtexDomain
    domain = app.env.domains["cite"]
    assert type(domain) is expected
    app.build()
    if not original:
        # The writing phase resolved citations through the index, not the original's scan.
        assert domain._citations_by_key
    return app


def build_both(make_app, srcdir: Path, builder: str, tmp_path: Path, **kwargs):
    """The site built fresh with the indexed domain, then with sphinxcontrib-bibtex's own."""
    indexed, original = (
        build(make_app, srcdir, builder, tmp_path / name, original=name == ORIGINAL,
              freshenv=True, **kwargs)
        for name in ("indexed", ORIGINAL)
    )  # fmt: skip
    return indexed, original


def outputs(app) -> dict[str, str]:
    """Every written page, keyed by its path in the output folder."""
    return {
        str(path.relative_to(app.outdir)): path.read_text(encoding="utf8")
        for path in sorted(app.outdir.rglob("*"))
        if path.suffix in {".html", ".tex", ".txt"}
    }


def warnings(app) -> list[str]:
    """The build's warnings, without docutils' complaints about a second app in one process."""
    lines = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).splitlines()
    return sorted(line for line in lines if "[app.add_" not in line)


# aside.md cites only works one page lists: with -j, sphinxcontrib-bibtex links a work that
# several pages list to whichever list it merged last, so either domain may pick either page.
@pytest.mark.parametrize("builder", ["html", "latex", "text"])
@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_same_output_as_sphinxcontrib_bibtex(make_app, rootdir, tmp_path, builder, parallel):
    srcdir = citation_site(rootdir, tmp_path)
    indexed, original = build_both(make_app, srcdir, builder, tmp_path, parallel=parallel)
    assert outputs(indexed) == outputs(original)
    assert outputs(indexed)  # the comparison saw pages
    if not parallel:
        # With -j, which of two lists of the same work is "first" (duplicate_citation) depends
        # on the order sphinxcontrib-bibtex merges the workers' data in, for either domain.
        assert warnings(indexed) == warnings(original)
    # The root exercises the warnings the domain's look-ups give.
    assert any("could not find bibtex key" in line for line in warnings(indexed))
    assert any("multiple comparators" in line for line in warnings(indexed))


def rebuilt_as_fresh(make_app, srcdir: Path, tmp_path: Path, change: Callable[[], None]):
    """Build, `change` the site, rebuild; the rebuilt pages equal a fresh original build's."""
    build(make_app, srcdir, "html", tmp_path / "indexed", original=False, freshenv=True)
    change()
    rebuilt = build(make_app, srcdir, "html", tmp_path / "indexed", original=False)
    fresh = build(make_app, srcdir, "html", tmp_path / ORIGINAL, original=True, freshenv=True)
    assert outputs(rebuilt) == outputs(fresh)
    return rebuilt


def test_same_output_after_an_incremental_rebuild(make_app, rootdir, tmp_path):
    srcdir = citation_site(rootdir, tmp_path)

    def cite_elsewhere() -> None:
        # aside.md now cites a work two other pages list, and drops one only post-desire lists.
        edit(
            srcdir / "aside.md", "{cite:t}`constant2018intimacy`", "{cite:t}`mueller2019closeness`"
        )

    rebuilt = rebuilt_as_fresh(make_app, srcdir, tmp_path, cite_elsewhere)
    aside = outputs(rebuilt)["aside.html"]
    assert "Müller-Beispiel" in aside
    assert "Constant" not in aside


OWN_LISTS = """# Lists of the page's own works

A list that names a work nobody here cites, and shows works cited only after it:

```{bibliography}
:filter: docname in docnames
diaz2010touch
```

Cited after the list: {cite:p}`hardy2018attachment`, and twice,
{cite:t}`leonhardt2018sexual` and {cite:p}`leonhardt2018sexual`.

The same filter with a key prefix; its works have ids of their own:

```{bibliography}
:filter: docname in docnames
:keyprefix: own-
```

{cite:p}`own-apa2020sexual`.
"""


def own_lists_site(rootdir: Path, tmp_path: Path) -> Path:
    srcdir = citation_site(rootdir, tmp_path)
    (srcdir / "own-lists.md").write_text(OWN_LISTS, encoding="utf8")
    edit(srcdir / "index.md", "references\n", "references\nown-lists\n")
    return srcdir


def citation_node_keys(app, docname: str) -> list[set[str]]:
    """The keys each of `docname`'s lists keeps a citation node for, in the page's order."""
    bibliographies = app.env.domains["cite"].bibliographies
    return [
        set(bib.citation_nodes) for key, bib in bibliographies.items() if key.docname == docname
    ]


@pytest.mark.parametrize("builder", ["html", "latex"])
@pytest.mark.parametrize("parallel", [0, 2], ids=["serial", "parallel"])
def test_own_citation_lists_keep_only_the_nodes_they_can_show(
    make_app, rootdir, tmp_path, builder, parallel, monkeypatch
):
    srcdir = own_lists_site(rootdir, tmp_path)
    reserved: list[tuple[str, int]] = []
    reserve = IndexedBibtexDomain.reserve_citation_ids

    def spy(self, bibliography_key, ids):
        reserved.append((bibliography_key.docname, len(ids)))
        reserve(self, bibliography_key, ids)

    monkeypatch.setattr(IndexedBibtexDomain, "reserve_citation_ids", spy)
    indexed, original = build_both(make_app, srcdir, builder, tmp_path, parallel=parallel)
    assert outputs(indexed) == outputs(original)
    works = 8  # in references.bib
    # sphinxcontrib-bibtex makes a node for every work in every list...
    assert [len(keys) for keys in citation_node_keys(original, "own-lists")] == [works, works]
    # ... of which a list filtered on its own document keeps those it names or the page cites.
    assert citation_node_keys(indexed, "own-lists") == [
        {"diaz2010touch", "hardy2018attachment", "leonhardt2018sexual"},
        {"own-apa2020sexual"},
    ]
    assert citation_node_keys(indexed, "post-desire") == [
        {
            "dewitte2018sexual",
            "constant2018intimacy",
            "hardy2018attachment",
            "mueller2019desire",
            "mueller2019closeness",
        }
    ]
    # Any other filter can show works cited elsewhere: every node stays.
    assert [len(keys) for keys in citation_node_keys(indexed, "references")] == [works]
    assert [len(keys) for keys in citation_node_keys(indexed, "mueller")] == [works] * 3
    # The dropped nodes are gone from the pickled doctree's targets too.
    doctree = indexed.env.get_doctree("own-lists")
    citation_ids = [id_ for id_, node in doctree.ids.items() if node.tagname == "citation"]
    assert len(citation_ids) == 4
    if not parallel:  # the spy does not reach the worker processes
        # The plain own-citation lists reserved an id per work and made no node for it; the
        # one that names a work in its content was sphinxcontrib-bibtex's, pruned once read.
        assert sorted(reserved) == [
            ("own-lists", works),
            ("post-closeness", works),
            ("post-desire", works),
        ]
    # The transform that narrows the citation references for sphinxcontrib-bibtex undid it,
    # and the domain holds no node of a written page (which would keep the page alive).
    domain = indexed.env.domains["cite"]
    assert domain._narrowed_citation_refs is None
    kept = [node for bib in domain.bibliographies.values() for node in bib.citation_nodes.values()]
    assert kept
    assert all(node.parent is None for node in kept)
    # sphinxcontrib-bibtex's own domain keeps the nodes it put in the pages.
    assert any(
        node.parent is not None
        for bib in original.env.domains["cite"].bibliographies.values()
        for node in bib.citation_nodes.values()
    )


def test_own_citation_lists_after_an_incremental_rebuild(make_app, rootdir, tmp_path):
    srcdir = own_lists_site(rootdir, tmp_path)

    def cite_another_work() -> None:
        # The page now cites a work its first list did not show, after the list.
        edit(
            srcdir / "own-lists.md", "{cite:p}`hardy2018attachment`", "{cite:p}`mueller2019desire`"
        )

    rebuilt = rebuilt_as_fresh(make_app, srcdir, tmp_path, cite_another_work)
    assert "mueller2019desire" in citation_node_keys(rebuilt, "own-lists")[0]
    assert "Desire in Germany" in outputs(rebuilt)["own-lists.html"]


class DuplicateCitationRecords(logging.Filter):
    """Counts the log records sphinxcontrib-bibtex makes for works listed on several pages."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "subtype", None) == "duplicate_citation":
            self.count += 1
        return True


@pytest.mark.parametrize("suppressed", [True, False], ids=["suppressed", "shown"])
def test_suppressed_warnings_are_never_made_and_the_rest_shown(
    make_app, rootdir, tmp_path, suppressed
):
    srcdir = citation_site(rootdir, tmp_path)
    overrides = {"suppress_warnings": ["bibtex.duplicate_citation"] if suppressed else []}
    records = DuplicateCitationRecords()
    bibtex_logger = logging.getLogger("sphinx.sphinxcontrib.bibtex.domain")
    bibtex_logger.addFilter(records)
    try:
        indexed = build(make_app, srcdir, "html", tmp_path / "indexed", original=False,
                        freshenv=True, confoverrides=overrides)  # fmt: skip
        made_by_indexed = records.count
        original = build(make_app, srcdir, "html", tmp_path / ORIGINAL, original=True,
                         freshenv=True, confoverrides=overrides)  # fmt: skip
    finally:
        bibtex_logger.removeFilter(records)
    assert warnings(indexed) == warnings(original)
    assert any("could not find bibtex key" in line for line in warnings(indexed))
    shown = any("duplicate citation" in line for line in warnings(indexed))
    assert shown is not suppressed
    # Suppressed, sphinxcontrib-bibtex's own domain still makes a record for each; ours none.
    made_by_original = records.count - made_by_indexed
    assert made_by_original > 0
    assert made_by_indexed == (0 if suppressed else made_by_original)
    # sphinxcontrib-bibtex's logger is its own again once the lists are formatted.
    assert type(sphinxcontrib.bibtex.domain.logger).__name__ == "SphinxLoggerAdapter"
