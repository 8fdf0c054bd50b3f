"""Rebuilds rewrite exactly the documents whose series output changed."""

from __future__ import annotations

import pytest

from series_helpers import (
    copy_root,
    edit,
    page,
    post,
    record_written,
    series_navs,
    text_of,
    write_site,
)

HEALTHY = {"posts/attachment", "posts/problems", "landing"}
# all-series holds a series-index (names, descriptions and sizes of every series) and the
# list of Tiny Series' parts: rewritten only when one of those changes.
INDEX_PAGES = {"all-series"}


def rebuild(make_app, srcdir, builder="html", **kwargs):
    app = make_app(builder, srcdir=srcdir, **kwargs)
    written = record_written(app)
    app.build()
    assert app.warning.getvalue() == ""
    return app, set(written)


@pytest.fixture(params=[0, 2], ids=["serial", "parallel"])
def project(request, make_app, rootdir, tmp_path):
    """A private copy of series-basic, built once, with a function to rebuild it."""
    srcdir = copy_root(rootdir, "series-basic", tmp_path)
    parallel = request.param
    app, _written = rebuild(make_app, srcdir, freshenv=True, parallel=parallel)
    app.cleanup()

    def again(builder="html"):
        return rebuild(make_app, srcdir, builder, parallel=parallel)

    return srcdir, again


def test_noop_rebuild_writes_nothing(project):
    _srcdir, again = project
    _app, written = again()
    assert written == set()


def test_body_edit_rewrites_only_that_post(project):
    srcdir, again = project
    edit(srcdir / "posts" / "attachment.md", "Attachment body.", "New attachment body.")
    _app, written = again()
    # Sphinx itself rewrites the toctree parent (index) of a re-read document.
    assert written == {"posts/attachment", "index"}


def test_retitle_rewrites_series_members(project):
    srcdir, again = project
    edit(srcdir / "posts" / "problems.md", "# Sexual Problems and", "# Sexual Difficulties and")
    app, written = again()
    assert written == HEALTHY | {"index"}
    _top, bottom = series_navs(page(app, "posts/attachment"))
    assert text_of(bottom.find("p", class_="series-next")) == (
        "Next in series: Sexual Difficulties and Therapeutic Approaches"
    )


def test_add_part_replaces_announcement(project):
    srcdir, again = project
    (srcdir / "posts" / "emdr.md").write_text(
        "---\nseries: Healthy Intimacy\nseries_part: 3\n---\n\n# EMDR in Systems\n\nBody.\n",
        encoding="utf8",
    )
    app, written = again()
    # index has a glob toctree, so Sphinx re-reads (and rewrites) it for a new file.
    assert written == HEALTHY | {"posts/emdr", "index"}
    _top, bottom = series_navs(page(app, "posts/problems"))
    link = bottom.find("p", class_="series-next").find("a")
    assert (text_of(link), link["href"], link["rel"]) == ("EMDR in Systems", "emdr.html", ["next"])
    assert "coming soon" not in text_of(bottom)


def test_remove_part(project):
    srcdir, again = project
    (srcdir / "posts" / "problems.md").unlink()
    app, written = again()
    assert written == {"posts/attachment", "landing", "index"}
    top, bottom = series_navs(page(app, "posts/attachment"))
    assert text_of(top) == "Part 1 of 3 in the series Healthy Intimacy"
    assert text_of(bottom.find("p", class_="series-next")) == (
        "Next in series: Sexual Problems and Therapeutic Approaches (coming soon)"
    )


def test_renumber_parts(project):
    srcdir, again = project
    edit(srcdir / "posts" / "attachment.md", "series_part: 1", "series_part: 2")
    edit(srcdir / "posts" / "problems.md", "series_part: 2", "series_part: 1")
    app, written = again()
    assert written == HEALTHY | {"index"}
    top, _bottom = series_navs(page(app, "posts/attachment"))
    assert text_of(top) == "Part 2 of 3 in the series Healthy Intimacy"


def test_leave_series_rewrites_old_members(project):
    srcdir, again = project
    edit(srcdir / "tiny-b.md", "series: Tiny Series\n", "")
    app, written = again()
    assert written == {"tiny-a", "tiny-b", "special", "index"} | INDEX_PAGES
    assert series_navs(page(app, "tiny-b")) == []
    top, _bottom = series_navs(page(app, "tiny-a"))
    assert text_of(top) == "Part 1 of 2 in the series Tiny Series"


def test_html_and_epub_sharing_doctrees(make_app, rootdir, tmp_path):
    srcdir = copy_root(rootdir, "series-basic", tmp_path)
    for builder in ("html", "epub"):
        app, _written = rebuild(make_app, srcdir, builder, freshenv=builder == "html")
        app.cleanup()
    edit(srcdir / "posts" / "problems.md", "# Sexual Problems and", "# Sexual Difficulties and")
    app, written = rebuild(make_app, srcdir, "html")
    app.cleanup()
    assert written >= HEALTHY
    # The epub build re-reads nothing but must still rewrite the series members.
    app, written = rebuild(make_app, srcdir, "epub")
    assert written >= HEALTHY
    assert "tiny-a" not in written
    _top, bottom = series_navs(page(app, "posts/attachment", ".xhtml"))
    assert "Sexual Difficulties" in text_of(bottom)


# -- Rebuilds that must catch up with a clean build --------------------------------------

THREE = {
    "landing.md": "# Landing\n\n```{series} Trio\n```\n",
    "p1.md": post("Trio", "One", extra="series_part: 1\ndate: 2022-01-01\ndescription: First.\n"),
    "p2.md": post("Trio", "Two *emph* words", extra="series_part: 2\ndate: 2022-02-01\n"),
    "p3.md": post("Trio", "Three", extra="series_part: 3\ndate: 2022-03-01\n"),
}


@pytest.fixture
def trio(make_app, tmp_path):
    srcdir = write_site(tmp_path / "trio", THREE)
    app, _written = rebuild(make_app, srcdir, freshenv=True)
    app.cleanup()
    return srcdir


def next_title(app, docname):
    _top, bottom = series_navs(page(app, docname))
    return text_of(bottom.find("p", class_="series-next"))


def test_build_interrupted_while_writing_catches_up(make_app, trio):
    edit(trio / "p2.md", "# Two *emph* words", "# Second")

    def interrupt(_app, _doctree, docname):
        if docname == "p1":  # Ctrl-C while docs-live writes the neighbours
            raise KeyboardInterrupt

    app = make_app("html", srcdir=trio)
    app.connect("doctree-resolved", interrupt)
    with pytest.raises(KeyboardInterrupt):
        app.build()
    app.cleanup()
    app, written = rebuild(make_app, trio)
    assert {"p1", "p3"} <= written
    assert next_title(app, "p1") == "Next in series: Second"


def test_build_of_named_files_leaves_the_neighbours_to_the_next_build(make_app, trio):
    edit(trio / "p2.md", "# Two *emph* words", "# Second")
    app = make_app("html", srcdir=trio)
    app.build(False, [str(trio / "p2.md")])
    app.cleanup()
    app, written = rebuild(make_app, trio)
    assert {"p1", "p3", "landing"} <= written
    assert next_title(app, "p1") == "Next in series: Second"
    assert "Second" in text_of(page(app, "landing").find("div", class_="series-contents"))


def test_markup_only_retitle_rewrites_the_theme_neighbours(make_app, trio):
    edit(trio / "p2.md", "# Two *emph* words", "# Two **emph** words")
    app, written = rebuild(make_app, trio)
    assert written == {"p1", "p2", "p3", "index"}
    # The theme's previous/next links show the title with its markup ("Next topic").
    sidebar_link = page(app, "p1").find("a", title="next chapter")
    assert sidebar_link["href"] == "p2.html"
    assert sidebar_link.find("strong").get_text() == "emph"


@pytest.mark.parametrize(
    ("old", "new"),
    [("description: First.", "description: The first."), ("date: 2022-01-01", "date: 2021-12-01")],
    ids=["description", "date"],
)
def test_description_or_date_edit_rewrites_only_the_pages_showing_it(make_app, trio, old, new):
    edit(trio / "p1.md", old, new)
    _app, written = rebuild(make_app, trio)
    # p1 was re-read; Sphinx rewrites its toctree parent; the landing page lists it.
    assert written == {"p1", "index", "landing"}
