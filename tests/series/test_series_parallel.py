"""Parallel reading and writing give the same output as a serial build."""

from __future__ import annotations

from series_helpers import copy_root, page, series_navs

DOCS = ["landing", *(f"post{n:02}" for n in range(1, 11))]


def build(make_app, rootdir, tmp_path, parallel):
    srcdir = copy_root(rootdir, "series-long", tmp_path / f"j{parallel}")
    app = make_app("html", srcdir=srcdir, freshenv=True, parallel=parallel)
    app.build()
    assert app.warning.getvalue() == ""
    assert app.parallel == parallel
    main = {doc: page(app, doc).find("div", role="main") for doc in DOCS}
    app.cleanup()
    return main


def test_parallel_equals_serial(make_app, rootdir, tmp_path):
    serial = build(make_app, rootdir, tmp_path, 0)
    parallel = build(make_app, rootdir, tmp_path, 2)
    for doc in DOCS:
        assert str(parallel[doc]) == str(serial[doc]), doc
    assert len(series_navs(parallel["post05"])) == 2
