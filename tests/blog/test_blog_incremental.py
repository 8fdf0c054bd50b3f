"""Rebuilds rewrite exactly the list pages whose entries changed, serial and parallel."""

from __future__ import annotations

import pytest

from series_helpers import copy_root, edit, page, record_written

NEW_POST = """---
date: 2024-05-01
description: The newest post.
category: Couples
---

# A newer post

Body.
"""


def rebuild(make_app, srcdir, builder="html", **kwargs):
    app = make_app(builder, srcdir=srcdir, **kwargs)
    written = record_written(app)
    app.build()
    assert app.warning.getvalue() == ""
    return app, set(written)


@pytest.fixture(params=[0, 2], ids=["serial", "parallel"])
def project(request, make_app, rootdir, tmp_path):
    """A private copy of blog-basic, built once, with a function to rebuild it."""
    srcdir = copy_root(rootdir, "blog-basic", tmp_path)
    parallel = request.param
    app, _written = rebuild(make_app, srcdir, freshenv=True, parallel=parallel)
    app.cleanup()

    def again(builder="html"):
        return rebuild(make_app, srcdir, builder, parallel=parallel)

    return srcdir, again


def titles(app, docname):
    listed = page(app, docname).find("div", class_="blog-post-list")
    return [" ".join(p.get_text().split()) for p in listed.select("p.blog-post-title")]


def test_noop_rebuild_writes_nothing(project):
    _srcdir, again = project
    _app, written = again()
    assert written == set()


def test_new_post_rewrites_the_lists_that_show_it(project):
    srcdir, again = project
    (srcdir / "posts" / "newer.md").write_text(NEW_POST, encoding="utf8")
    app, written = again()
    # index: Sphinx re-reads a glob toctree's page for a new file, and its list shows the post.
    # archive: its list shows every post. landing lists only its series: not rewritten.
    assert written == {"posts/newer", "index", "archive"}
    assert titles(app, "index") == ["A newer post", "A standalone post"]
    assert titles(app, "archive")[0] == "A newer post"
    couples = page(app, "category/couples").find("div", class_="blog-post-list")
    assert couples.select("p.blog-post-title")[0].get_text().strip() == "A newer post"


def test_body_edit_rewrites_no_list(project):
    srcdir, again = project
    edit(srcdir / "posts" / "standalone.md", "Text of the standalone post.", "New text.")
    _app, written = again()
    # index is the toctree parent, which Sphinx rewrites itself.
    assert written == {"posts/standalone", "index"}


def test_retitle_rewrites_every_list_showing_the_post(project):
    srcdir, again = project
    edit(srcdir / "posts" / "first.md", "# First closeness post", "# Closeness, first part")
    app, written = again()
    # archive and landing list it; the series extension rewrites the series members too.
    assert {"posts/first", "archive", "landing"} <= written
    assert titles(app, "archive")[-1] == "Closeness, first part"
    assert titles(app, "landing") == ["Second closeness post", "Closeness, first part"]


def test_redated_post_moves_in_the_lists(project):
    srcdir, again = project
    edit(srcdir / "posts" / "first.md", "date: 2022-07-13", "date: 2025-01-01")
    app, written = again()
    assert {"posts/first", "index", "archive", "landing"} <= written
    assert titles(app, "index") == ["First closeness post", "A standalone post"]


def test_removed_post_leaves_the_lists(project):
    srcdir, again = project
    (srcdir / "posts" / "standalone.md").unlink()
    app, written = again()
    assert {"index", "archive"} <= written
    assert "landing" not in written
    assert titles(app, "index") == ["Second closeness post", "First closeness post"]
    assert (
        not (app.outdir / "category" / "couples.html")
        .read_text(encoding="utf8")
        .count("A standalone post")
    )


def test_html_and_epub_sharing_doctrees(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, "blog-basic", tmp_path)
    for builder in ("html", "epub"):
        app, _written = rebuild(make_app, srcdir, builder, freshenv=builder == "html")
        app.cleanup()
    (srcdir / "posts" / "newer.md").write_text(NEW_POST, encoding="utf8")
    app, written = rebuild(make_app, srcdir, "html")
    app.cleanup()
    assert {"index", "archive"} <= written
    # The epub build re-reads nothing but must still rewrite the archive.
    app, written = rebuild(make_app, srcdir, "epub")
    assert "archive" in written
    assert "A newer post" in (app.outdir / "archive.xhtml").read_text(encoding="utf8")


def test_parallel_equals_serial(make_app, rootdir, tmp_path):
    main = {}
    for parallel in (0, 2):
        srcdir = copy_root(rootdir, "blog-basic", tmp_path / f"j{parallel}")
        app, _written = rebuild(make_app, srcdir, freshenv=True, parallel=parallel)
        main[parallel] = {
            doc: str(page(app, doc).find("div", role="main"))
            for doc in (
                "index",
                "archive",
                "landing",
                "posts/first",
                "posts/second",
                "category/couples",
            )
        }
        main[parallel]["atom"] = (app.outdir / "atom.xml").read_text(encoding="utf8")
        app.cleanup()
    assert main[2] == main[0]
