"""What readers see, in every builder."""

from __future__ import annotations

import json
import re

import pytest
import sphinx

from series_helpers import page, series_navs, text_of

SPECIAL = "Ünïcödé & <script>alert(1)</script> 100% a_b #c {d} Ελληνικά"


@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-html", freshenv=True)
def test_html_post_boxes(app):
    app.build()
    assert app.warning.getvalue() == ""
    top, bottom = series_navs(page(app, "posts/problems"))

    assert top["aria-label"] == "Series: Healthy Intimacy"
    assert bottom["aria-label"] == "Series navigation: Healthy Intimacy"
    assert text_of(top) == "Part 2 of 3 in the series Healthy Intimacy"
    assert top.find("a")["href"] == "../landing.html"

    items = bottom.find("ol").find_all("li", recursive=False)
    assert [text_of(li) for li in items] == [
        "Attachment and Closeness",
        "Sexual Problems and Therapeutic Approaches",
        "EMDR Within a Systems Approach (coming soon)",
    ]
    assert items[1].find(attrs={"aria-current": "page"}) is not None
    assert items[0].find(attrs={"aria-current": True}) is None
    assert items[2].find("a") is None

    previous = bottom.find("p", class_="series-prev")
    assert text_of(previous) == "Previous in series: Attachment and Closeness"
    assert previous.find("a")["rel"] == ["prev"]
    assert previous.find("a")["href"] == "attachment.html"
    following = bottom.find("p", class_="series-next")
    assert text_of(following) == "Next in series: EMDR Within a Systems Approach (coming soon)"
    assert following.find("a") is None
    assert not re.search("newer|older", text_of(bottom), re.IGNORECASE)


@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-html2", freshenv=True)
def test_html_first_part_and_date_order(app):
    app.build()
    first = page(app, "posts/attachment")
    _top, bottom = series_navs(first)
    assert bottom.find("p", class_="series-prev") is None
    link = bottom.find("p", class_="series-next").find("a")
    assert (link["href"], link["rel"]) == ("problems.html", ["next"])
    # The top box sits under the page title, the bottom one ends the page.
    assert first.find("h1").find_next("nav")["aria-label"] == "Series: Healthy Intimacy"
    assert first.find("div", role="main").find_all("p")[-1].find_parent("nav") is bottom

    # Tiny Series has no series_part: ordered by date (tiny-b is older).
    top, _bottom = series_navs(page(app, "tiny-a"))
    assert text_of(top) == "Part 2 of 3 in the series Tiny Series"
    assert top.find("a") is None  # no landing page declared


@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-html3", freshenv=True)
def test_html_escapes_titles(app):
    app.build()
    _top, bottom = series_navs(page(app, "tiny-a"))
    assert bottom.find("script") is None
    assert text_of(bottom.find("p", class_="series-next")) == f"Next in series: {SPECIAL}"
    raw = (app.outdir / "tiny-a.html").read_text(encoding="utf8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw


@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-html4", freshenv=True)
def test_html_landing_index_and_listing(app):
    app.build()
    landing = page(app, "landing")
    contents = landing.find("div", class_="series-contents")
    assert text_of(contents.find("p")).startswith("A three-part look")
    # Dates as readers write them, in the build's language, each in its own span.
    assert [" ".join(li.get_text().split()) for li in contents.find_all("li")] == [
        "Attachment and Closeness (July 13, 2022) — How attachment shapes closeness.",
        "Sexual Problems and Therapeutic Approaches (August 1, 2022)",
        "EMDR Within a Systems Approach (coming soon)",
    ]
    assert [span.get_text() for span in contents.select("span.series-date")] == [
        "July 13, 2022",
        "August 1, 2022",
    ]
    listing = page(app, "all-series")
    entries = listing.find("ul", class_="series-index").find_all("li")
    assert [text_of(li) for li in entries] == [
        "Healthy Intimacy — A three-part look at what builds and what blocks closeness "
        "between partners. (3 parts)",
        "Tiny Series (3 parts)",
    ]
    assert entries[0].find("a")["href"] == "landing.html"
    tiny = listing.find_all("div", class_="series-contents")[-1]
    assert [" ".join(li.get_text().split()) for li in tiny.find_all("li")] == [
        "Tiny B (January 1, 2023)",
        "Tiny A (February 1, 2023)",
        f"{SPECIAL} (March 1, 2023)",
    ]


@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-html5", freshenv=True)
def test_html_theme_neighbours_and_css(app):
    app.build()
    tiny_a = page(app, "tiny-a")
    assert tiny_a.find("link", rel="prev")["href"] == "tiny-b.html"
    assert tiny_a.find("link", rel="next")["href"] == "special.html"
    # The related-links bar says the same as the <link rel>.
    assert tiny_a.find("a", accesskey="P")["href"] == "tiny-b.html"
    assert tiny_a.find("a", accesskey="N")["href"] == "special.html"
    # Series neighbours replace the toctree's: the first part has no previous page, and
    # an announced next part is no link.
    problems = page(app, "posts/problems")
    assert problems.find("link", rel="prev")["href"] == "attachment.html"
    assert problems.find("link", rel="next") is None
    # Pages outside a series keep the toctree order.
    assert page(app, "other").find("link", rel="prev")["href"] == "all-series.html"
    assert (app.outdir / "_static" / "series.css").is_file()
    assert tiny_a.find("link", href=re.compile(r"^_static/series\.css")) is not None


@pytest.mark.sphinx(
    "html",
    testroot="series-basic",
    srcdir="series-basic-noneighbours",
    freshenv=True,
    confoverrides={"series_override_theme_neighbours": False},
)
def test_html_theme_neighbours_can_be_disabled(app):
    app.build()
    assert page(app, "tiny-a").find("link", rel="prev")["href"] == "posts/problems.html"


@pytest.mark.sphinx(
    "html",
    testroot="series-basic",
    srcdir="series-basic-furo",
    freshenv=True,
    confoverrides={"html_theme": "furo"},
)
def test_furo_footer_follows_series(app):
    app.build()
    assert app.warning.getvalue() == ""
    related = page(app, "tiny-a").find("div", class_="related-pages")
    assert related.find("a", class_="prev-page")["href"] == "tiny-b.html"
    assert related.find("a", class_="next-page")["href"] == "special.html"


@pytest.mark.sphinx("html", testroot="series-long", srcdir="series-long-html", freshenv=True)
def test_html_long_series_links_hidden_parts_to_the_landing_page(app):
    app.build()
    assert app.warning.getvalue() == ""
    _top, bottom = series_navs(page(app, "post05"))
    assert text_of(_top) == "Part 5 of 11 in the series Long Series"
    # Each page lists a fixed number of parts, whatever the series' length; the hidden run
    # is one link to the landing page, which lists them all.
    (more,) = bottom.find_all("p", class_="series-more")
    assert text_of(more) == "Parts 7 to 9 on the series page"
    assert more.find("a")["href"] == "landing.html"
    assert bottom.find("details") is None
    shown = [text_of(li) for ol in bottom.find_all("ol") for li in ol.find_all("li")]
    assert shown == [f"Long part {n}" for n in (1, 2, 3, 4, 5, 6, 10)] + [
        "The Finale (coming soon)"
    ]
    # Series name, six listed parts, the landing-page link, previous and next.
    assert len(bottom.find_all("a")) == 10
    # The landing page lists every part.
    assert len(page(app, "landing").find("div", class_="series-contents").find_all("li")) == 11


@pytest.mark.sphinx("html", testroot="series-long", srcdir="series-long-no-landing", freshenv=True)
def test_html_long_series_without_landing_page_folds_into_details(app):
    (app.srcdir / "landing.md").unlink()
    index = app.srcdir / "index.md"
    index.write_text(index.read_text("utf-8").replace("landing\n", ""), "utf-8")
    app.build()
    _top, bottom = series_navs(page(app, "post05"))
    # Without the landing page the announced finale is gone too: ten parts.
    fold = bottom.find("details")
    assert text_of(fold.find("summary")) == "2 more parts"
    assert [li.find("a")["href"] for li in fold.find_all("li")] == ["post07.html", "post08.html"]
    assert fold.find("ol")["start"] == "7"


@pytest.mark.sphinx(
    "dirhtml", testroot="series-basic", srcdir="series-basic-dirhtml", freshenv=True
)
def test_dirhtml(app):
    app.build()
    assert app.warning.getvalue() == ""
    _top, bottom = series_navs(page(app, "posts/problems/index"))
    assert bottom.find("p", class_="series-prev").find("a")["href"] == "../attachment/"


@pytest.mark.sphinx(
    "singlehtml", testroot="series-basic", srcdir="series-basic-singlehtml", freshenv=True
)
def test_singlehtml_uses_each_documents_own_position(app):
    app.build()
    assert app.warning.getvalue() == ""
    tops = [text_of(nav) for nav in page(app, "index").find_all("nav", class_="series-nav-top")]
    assert tops == [
        "Part 1 of 3 in the series Healthy Intimacy",
        "Part 2 of 3 in the series Healthy Intimacy",
        "Part 2 of 3 in the series Tiny Series",
        "Part 1 of 3 in the series Tiny Series",
        "Part 3 of 3 in the series Tiny Series",
    ]
    link = page(app, "index").find("p", class_="series-prev").find("a")
    assert link["href"] == "#document-landing" or link["href"].startswith("#document-")


@pytest.mark.sphinx("epub", testroot="series-basic", srcdir="series-basic-epub", freshenv=True)
def test_epub(app):
    app.build()
    assert app.warning.getvalue() == ""
    _top, bottom = series_navs(page(app, "posts/problems", ".xhtml"))
    link = bottom.find("p", class_="series-prev").find("a")
    assert (link["href"], link["rel"]) == ("attachment.xhtml", ["prev"])


@pytest.mark.sphinx("latex", testroot="series-basic", srcdir="series-basic-latex", freshenv=True)
def test_latex(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "series.tex").read_text(encoding="utf8")
    assert tex.count(r"\begin{sphinxtopic}") == 10  # two boxes on each of five posts
    assert "Part 2 of 3 in the series" in tex
    assert r"\hyperref[\detokenize{posts/attachment::doc}]" in tex
    assert r"\hyperref[\detokenize{landing::doc}]" in tex
    escaped = r"Ünïcödé \& \textless{}script\textgreater{}alert(1)\textless{}/script\textgreater{}"
    assert escaped + r" 100\% a\_b \#c \{d\} Ελληνικά" in tex
    assert "<script>" not in tex


@pytest.mark.sphinx("latex", testroot="series-long", srcdir="series-long-latex", freshenv=True)
def test_latex_long_series_lists_every_part(app):
    app.build()
    tex = (app.outdir / "long.tex").read_text(encoding="utf8")
    post05 = tex.split(r"\label{\detokenize{post05::doc}}")[1].split(r"\label{\detokenize{post06")[
        0
    ]
    for number in range(1, 11):
        assert f"Long part {number}" in post05
    assert "The Finale (coming soon)" in post05


@pytest.mark.sphinx("text", testroot="series-basic", srcdir="series-basic-text", freshenv=True)
def test_text(app):
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "posts" / "problems.txt").read_text(encoding="utf8")
    assert "Part 2 of 3 in the series *Healthy Intimacy*" in text
    assert "2. **Sexual Problems and Therapeutic Approaches**" in text
    assert "Previous in series: Attachment and Closeness" in text
    assert "Next in series: EMDR Within a Systems Approach (coming soon)" in text


@pytest.mark.parametrize("builder", ["man", "texinfo", "xml"])
def test_other_builders_build_cleanly(make_app, rootdir, tmp_path, builder):
    from series_helpers import copy_root

    app = make_app(builder, srcdir=copy_root(rootdir, "series-basic", tmp_path), freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    output = "".join(
        path.read_text(encoding="utf8")
        for path in app.outdir.rglob("*")
        if path.is_file() and path.suffix in {".1", ".texi", ".xml"}
    )
    assert "Part 2 of 3 in the series" in output


@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-placement", freshenv=True)
def test_boxes_belong_to_the_page_not_to_its_last_subsection(app):
    app.build()
    soup = page(app, "posts/attachment")
    top, bottom = series_navs(soup)
    page_section = soup.find("h1").find_parent("section")
    # Top: right after the title; bottom: after the "Details" subsection, not inside it.
    assert top.find_parent("section") is page_section
    assert bottom.find_parent("section") is page_section
    details = soup.find("h2").find_parent("section")
    assert details is not page_section
    assert bottom.find_previous_sibling("section") is details


@pytest.mark.skipif(
    tuple(map(int, sphinx.__version__.split(".")[:2])) < (9, 0),
    reason="Sphinx's search indexer honours the no-search class from 9.0",
)
@pytest.mark.sphinx("html", testroot="series-basic", srcdir="series-basic-search", freshenv=True)
def test_series_boxes_stay_out_of_the_search_index(app):
    app.build()
    script = (app.outdir / "searchindex.js").read_text("utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    docnames = index["docnames"]

    def pages_with(term, table="terms"):
        found = index[table].get(term, [])
        return {docnames[i] for i in ([found] if isinstance(found, int) else found)}

    # "Attachment and Closeness" is shown in the boxes of the other posts of its series, but
    # only the post itself and the series' landing page (its contents) are found by it.
    assert "posts/problems" not in pages_with("attach")
    assert "posts/attachment" in pages_with("attach") | pages_with("attach", "titleterms")


@pytest.mark.sphinx(
    "latex",
    testroot="series-basic",
    srcdir="series-basic-latex-one-part",
    freshenv=True,
    confoverrides={"latex_documents": [("posts/problems", "one.tex", "One", "Test", "manual")]},
)
def test_latex_keeps_the_text_of_parts_it_leaves_out(app):
    app.build()
    tex = (app.outdir / "one.tex").read_text(encoding="utf8")
    # Part 1 and the landing page are not in this PDF: their titles stay, without a link.
    assert "Previous in series: Attachment and Closeness" in tex
    assert r"\detokenize{posts/attachment::doc}" not in tex
    assert r"\detokenize{landing::doc}" not in tex
    assert "Part 2 of 3 in the series" in tex
