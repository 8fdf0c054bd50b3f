"""Hostile front matter and awkward pages: a located, typed warning or correct output, never a
traceback, a PDF that does not compile or a page that silently says something wrong."""

from __future__ import annotations

import re
import unicodedata

import pytest

from outputs import build_pdf, pdf_text
from series_helpers import (
    located_warnings,
    page,
    post,
    series_navs,
    text_of,
    write_site,
)


def build(make_app, srcdir, builder="html", **kwargs):
    app = make_app(builder, srcdir=srcdir, freshenv=True, **kwargs)
    app.build()
    return app


def subtypes(app):
    return sorted((name, line, subtype) for name, line, subtype in located_warnings(app))


# -- Crashes and LaTeX that does not compile -------------------------------------------

UNENCODABLE = {
    "broken.md": post('"Broken \\ud83d half"', "Broken", extra='description: "\\udc00"\n'),
    "emoji.md": post(
        '"Joy \\ud83d\\ude00"', "Emoji", extra='description: "Smile \\ud83d\\ude00"\n'
    ),
    "desc.md": post("Plain", "Desc", extra='description: "Half \\udc00"\n'),
    "listing.md": "# Listing\n\n```{series-contents} Joy \N{GRINNING FACE}\n```\n",
}


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "html"])
def test_unencodable_front_matter_warns_and_builds(make_app, tmp_path, builder):
    srcdir = write_site(tmp_path / builder, UNENCODABLE)
    app = build(make_app, srcdir, builder)
    assert subtypes(app) == [
        ("broken.md", 2, "invalid_value"),
        ("desc.md", 3, "invalid_value"),
    ]
    output = "".join(
        path.read_text("utf8") for path in app.outdir.rglob("*") if path.suffix in {
            ".txt", ".tex", ".1", ".texi", ".html"
        }
    )  # fmt: skip
    # A pair of \u escapes is one emoji, shown as such; the broken half is left out.
    assert "Joy \N{GRINNING FACE}" in output
    assert "Smile \N{GRINNING FACE}" in output


def test_part_numbers_have_an_upper_bound(make_app, tmp_path):
    huge = "1000000000000000000000000000000"
    srcdir = write_site(
        tmp_path / "huge",
        {
            "landing.md": f"# Landing\n\n```{{series}} Big\n\n{huge}. Far away\n2. Second\n```\n",
            "one.md": post("Big", "One", extra="series_part: 1\n"),
            "huge.md": post("Big", "Huge", extra=f"series_part: {huge}\n"),
        },
    )
    app = build(make_app, srcdir, "latex")
    assert subtypes(app) == [
        ("huge.md", 3, "invalid_part"),
        ("landing.md", 5, "invalid_announcement"),
    ]
    assert "from 1 to 9999" in app.warning.getvalue()
    tex = (app.outdir / "site.tex").read_text("utf8")
    assert huge not in tex
    counters = re.findall(r"\\setcounter\{enumi\}\{(\d+)\}", tex)
    assert all(int(number) <= 9999 for number in counters)
    assert "Part 3 of 3 in the series" in tex  # the huge post takes the first free number
    build_pdf(app.outdir, "site")


def test_series_index_on_a_site_without_series(make_app, tmp_path):
    srcdir = write_site(tmp_path / "none", {"all.md": "# All series\n\n```{series-index}\n```\n"})
    app = build(make_app, srcdir, "latex")
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "site.tex").read_text("utf8")
    assert "No series yet." in tex
    assert r"\begin{itemize}" not in tex
    assert "No series yet." in pdf_text(build_pdf(app.outdir, "site"))


# -- Silently wrong or dropped ---------------------------------------------------------

NOT_TEXT = {
    "empty.md": post("", "Empty"),
    "null.md": post("null", "Null"),
    "list.md": post("[A, B]", "List"),
    "mapping.md": post("{a: 1}", "Mapping"),
    "boolean.md": post("true", "Boolean"),
    "nodesc.md": post("Good", "No description", extra="description:\n"),
    "good.md": post("Good", "Good one"),
    "field.rst": ":series:\n:series_part: 2\n\nField list\n==========\n\nBody.\n",
    "all.md": "# All\n\n```{series-index}\n```\n\n```{series-contents} Good\n```\n",
}


def test_values_that_are_not_text_warn_and_count_as_absent(make_app, tmp_path):
    app = build(make_app, write_site(tmp_path / "types", NOT_TEXT))
    assert subtypes(app) == [
        ("boolean.md", 2, "invalid_value"),
        ("empty.md", 2, "invalid_value"),
        ("field.rst", 1, "invalid_value"),
        ("list.md", 2, "invalid_value"),
        ("mapping.md", 2, "invalid_value"),
        ("nodesc.md", 3, "invalid_value"),
        ("null.md", 2, "invalid_value"),
    ]
    listing = page(app, "all")
    assert [text_of(li) for li in listing.find("ul", class_="series-index").find_all("li")] == [
        "Good (2 parts)"
    ]
    contents = listing.find("div", class_="series-contents")
    assert "null" not in text_of(contents)
    assert "—" not in text_of(contents)
    for name in ("empty", "null", "list", "mapping", "boolean", "field"):
        assert series_navs(page(app, name)) == []


def test_closing_box_ends_a_page_with_two_top_level_headings(make_app, tmp_path):
    two = post("Two", "First heading", body="First part.\n\n# Second heading\n\nLast words.")
    app = build(make_app, write_site(tmp_path / "two", {"two.md": two}))
    assert app.warning.getvalue() == ""
    soup = page(app, "two")
    _top, bottom = series_navs(soup)
    last_words = soup.find("p", string="Last words.")
    assert bottom.find_previous("p", string="Last words.") is last_words
    assert last_words.find_next("nav") is bottom


def test_texinfo_prints_the_part_line_once(make_app, tmp_path):
    files = {"a.md": post("Tex", "Alpha", extra="series_part: 1\n"),
             "b.md": post("Tex", "Beta", extra="series_part: 2\n")}  # fmt: skip
    app = build(make_app, write_site(tmp_path / "texi", files), "texinfo")
    assert app.warning.getvalue() == ""
    texi = (app.outdir / "hostile.texi").read_text("utf8")
    assert texi.count("Part 1 of 2 in the series") == 1
    assert texi.count("Part 2 of 2 in the series") == 1
    assert re.search(r"^@\w*heading Part \d", texi, re.MULTILINE) is None


# myst-parser's include directive reads env.app, which Sphinx 9 deprecates.
@pytest.mark.filterwarnings("ignore:'sphinx.environment.BuildEnvironment.app' is deprecated")
@pytest.mark.parametrize("syntax", ["rst", "md"])
def test_warnings_in_an_included_file_name_that_file(make_app, tmp_path, syntax):
    if syntax == "rst":
        files = {
            "landing.rst": "Landing\n=======\n\nIntro.\n\n.. include:: _decl.rst\n",
            "_decl.rst": "Before.\n\n.. series:: Inc\n\n   1. First\n   not an announcement\n",
        }
        expected = ("_decl.rst", 6)
    else:
        files = {
            "landing.md": "# Landing\n\nIntro.\n\n```{include} _decl.md\n```\n",
            "_decl.md": "Before.\n\n```{series} Inc\n1. First\nnot an announcement\n```\n",
        }
        expected = ("_decl.md", 5)
    files["p.md"] = post("Inc", "P", extra="series_part: 1\n")
    app = build(make_app, write_site(tmp_path / syntax, files))
    assert subtypes(app) == [(*expected, "invalid_announcement")]


def test_names_differing_in_unicode_normalisation_are_one_series(make_app, tmp_path):
    composed = unicodedata.normalize("NFC", "Café")
    decomposed = unicodedata.normalize("NFD", "Café")
    assert composed != decomposed
    files = {
        "landing.md": f"# Landing\n\n```{{series}} {composed}\n```\n",
        "a.md": post(decomposed, "A", extra="series_part: 1\n"),
        "b.md": post(composed, "B", extra="series_part: 2\n"),
    }
    app = build(make_app, write_site(tmp_path / "nfc", files))
    assert app.warning.getvalue() == ""
    top, _bottom = series_navs(page(app, "a"))
    assert text_of(top) == f"Part 1 of 2 in the series {composed}"
    assert top.find("a")["href"] == "landing.html"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en-US", "July 13, 2022"), ("pt_BR", "13 de julho de 2022"), ("sr@latin", "jul 2022")],
)
def test_dates_in_regional_languages(make_app, tmp_path, language, expected):
    files = {
        "landing.md": "# Landing\n\n```{series} Dated\n```\n",
        "a.md": post("Dated", "A", extra="date: 2022-07-13\n"),
    }
    srcdir = write_site(tmp_path / language.replace("@", "-"), files)
    app = build(make_app, srcdir, confoverrides={"language": language})
    (date,) = page(app, "landing").select("span.series-date")
    # Babel's long forms vary a little between versions: the words and the script do not.
    assert expected in date.get_text()
    assert not [c for c in date.get_text() if unicodedata.name(c, "").startswith("CYRILLIC")]


def test_post_without_title_warns_and_uses_its_file_name(make_app, tmp_path):
    files = {
        "a.md": post("Untitled", "A", extra="series_part: 1\n"),
        "b.md": "---\nseries: Untitled\nseries_part: 2\n---\n\nJust text, no heading.\n",
    }
    app = build(make_app, write_site(tmp_path / "untitled", files))
    # Sphinx's own toc.no_title is about the index's toctree.
    assert [w for w in subtypes(app) if w[0] == "b.md"] == [("b.md", 1, "missing_title")]
    _top, bottom = series_navs(page(app, "a"))
    assert text_of(bottom.find("p", class_="series-next")) == "Next in series: b"
    assert "no title" not in str(page(app, "a"))  # nor in the theme's previous/next links
    assert page(app, "a").find("link", rel="next")["title"] == "b"
    assert page(app, "a").find("a", accesskey="N")["title"] == "b"


def test_series_inside_only_latex_leaves_html_alone(make_app, tmp_path):
    files = {
        "landing.md": "# Landing\n\n````{only} latex\n```{series} Print\n"
        ":description: PDF only.\n\n2. Printed later\n```\n````\n",
        "a.md": post("Print", "A", extra="series_part: 1\n"),
    }
    srcdir = write_site(tmp_path / "only", files)
    html = build(make_app, srcdir)
    assert html.warning.getvalue() == ""
    top, bottom = series_navs(page(html, "a"))
    assert text_of(top) == "Part 1 of 1 in the series Print"
    assert top.find("a") is None
    assert "Printed later" not in text_of(bottom)
    html.cleanup()
    latex = make_app("latex", srcdir=srcdir)  # the same environment, another builder
    latex.build()
    tex = (latex.outdir / "site.tex").read_text("utf8")
    assert "Part 1 of 2 in the series" in tex
    assert "Printed later (coming soon)" in tex


def test_singlehtml_has_no_current_page_and_unique_landmarks(make_app, tmp_path):
    files = {f"p{n}.md": post("One page", f"Post {n}", extra=f"series_part: {n}\n") for n in (1, 2)}
    app = build(make_app, write_site(tmp_path / "single", files), "singlehtml")
    assert app.warning.getvalue() == ""
    soup = page(app, "index")
    assert soup.find(attrs={"aria-current": True}) is None
    labels = [nav["aria-label"] for nav in soup.find_all("nav")]
    assert len(labels) == 4
    assert len(set(labels)) == len(labels)
    assert "Series: One page, part 2" in labels


SMALL = {
    "octal.md": post("Octal", "Octal", extra="series_part: 017\n"),
    "arabic.md": post("Digits", "Arabic", extra='series_part: "\N{ARABIC-INDIC DIGIT ONE}"\n'),
    "fullwidth.md": post("Digits", "Fullwidth", extra="series_part: \N{FULLWIDTH DIGIT ONE}\n"),
    "compact.md": post("Dates", "Compact", extra="date: 20220713\n"),
    "week.md": post("Dates", "Week", extra="date: 2022-W28-3\n"),
    "typo.md": "---\nseires: Typo\nseries-part: 2\nDescription: x\ndaet: 2022-01-01\n---\n\n# T\n",
    "others.md": "---\nseries: Fine\ncategory: c\ntags: [a]\nauthor: me\nupdated: 2022-01-01\n"
    "myst:\n  html_meta:\n    keywords: k\norphan: true\ntitle: x\n"
    "serial: 1\ndata: 2\nlang: en\nsummary: s\n---\n\n# Others\n",
}


def test_smaller_front_matter_mistakes(make_app, tmp_path):
    srcdir = write_site(tmp_path / "small", SMALL, 'suppress_warnings = ["series.gap"]\n')
    app = build(make_app, srcdir)
    assert subtypes(app) == [
        ("arabic.md", 3, "invalid_part"),
        ("compact.md", 3, "invalid_date"),
        ("fullwidth.md", 3, "invalid_part"),
        ("typo.md", 2, "unknown_key"),
        ("typo.md", 3, "unknown_key"),
        ("typo.md", 4, "unknown_key"),
        ("typo.md", 5, "unknown_key"),
        ("week.md", 3, "invalid_date"),
    ]
    warnings = app.warning.getvalue()
    for typo, meant in [("seires", "series"), ("series-part", "series_part"),
                        ("Description", "description"), ("daet", "date")]:  # fmt: skip
        assert f"{typo!r} is not read by the series extension; did you mean {meant!r}?" in warnings
    top, _bottom = series_navs(page(app, "octal"))
    assert text_of(top) == "Part 17 of 17 in the series Octal"


def test_known_keys_of_other_extensions_are_never_suspects(make_app, tmp_path):
    files = {"a.md": "---\nseries: S\nseriess: custom\n---\n\n# A\n"}
    srcdir = write_site(tmp_path / "known", files)
    app = build(make_app, srcdir, confoverrides={"series_known_front_matter_keys": ["seriess"]})
    assert app.warning.getvalue() == ""


def test_long_series_landing_page_that_is_a_member_lists_its_parts(make_app, tmp_path):
    files = {
        f"p{n:02}.md": post("Long", f"Part {n}", extra=f"series_part: {n}\n") for n in range(2, 12)
    }
    files["landing.md"] = (
        "---\nseries: Long\nseries_part: 1\n---\n\n# Landing\n\n```{series} Long\n```\n"
    )
    app = build(make_app, write_site(tmp_path / "long", files), confoverrides={})
    assert app.warning.getvalue() == ""
    _top, bottom = series_navs(page(app, "landing"))
    assert bottom.find("p", class_="series-more") is None
    assert all(a["href"] != "landing.html" and a["href"] != "#" for a in bottom.find_all("a"))
    assert bottom.find("details") is not None
    # Other members still link their hidden parts to the landing page.
    _top, bottom = series_navs(page(app, "p02"))
    assert bottom.find("p", class_="series-more").find("a")["href"] == "landing.html"
