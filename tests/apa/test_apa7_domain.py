"""The indexed `cite` domain writes what sphinxcontrib-bibtex's own domain writes."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest
from sphinxcontrib.bibtex.domain import BibtexDomain

from series_helpers import copy_root, edit
from sphinx_apa7.domain import IndexedBibtexDomain

if TYPE_CHECKING:
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
    indexed, original = (
        build(make_app, srcdir, builder, tmp_path / name, original=name == ORIGINAL,
              parallel=parallel, freshenv=True)
        for name in ("indexed", ORIGINAL)
    )  # fmt: skip
    assert outputs(indexed) == outputs(original)
    assert outputs(indexed)  # the comparison saw pages
    if not parallel:
        # With -j, which of two lists of the same work is "first" (duplicate_citation) depends
        # on the order sphinxcontrib-bibtex merges the workers' data in, for either domain.
        assert warnings(indexed) == warnings(original)
    # The root exercises the warnings the domain's look-ups give.
    assert any("could not find bibtex key" in line for line in warnings(indexed))
    assert any("multiple comparators" in line for line in warnings(indexed))


def test_same_output_after_an_incremental_rebuild(make_app, rootdir, tmp_path):
    srcdir = citation_site(rootdir, tmp_path)
    build(make_app, srcdir, "html", tmp_path / "indexed", original=False, freshenv=True)
    # aside.md now cites a work two other pages list, and drops one only post-desire lists.
    edit(srcdir / "aside.md", "{cite:t}`constant2018intimacy`", "{cite:t}`mueller2019closeness`")
    rebuilt = build(make_app, srcdir, "html", tmp_path / "indexed", original=False)
    fresh = build(make_app, srcdir, "html", tmp_path / ORIGINAL, original=True, freshenv=True)
    assert outputs(rebuilt) == outputs(fresh)
    aside = outputs(rebuilt)["aside.html"]
    assert "Müller-Beispiel" in aside
    assert "Constant" not in aside
