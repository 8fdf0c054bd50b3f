"""Sphinx configuration for the Healthy Intimacy blog."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

# -- Project -----------------------------------------------------------------
project = "Healthy Intimacy"
author = "The Healthy Intimacy blog team"
copyright = "2022\N{EN DASH}2026, the Healthy Intimacy blog team"
# EPUB validation needs a version and a release; the blog has no software versions, so both
# name the edition of the site.
version = "2026"
release = "2026.11"
language = "en"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_apa7",
    "sphinx_post_series",
    # -- Blog extensions (bylines, post lists, feeds; social and search) --
    "sphinx_post_series.blog",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
]

# book.md is the PDF's and the EPUB's root; `choose_pages_for_builder` below swaps it in.
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "README.md", "book.md"]
root_doc = "index"

# -- MyST --------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 2

# -- Citations (APA 7, from our package's pybtex plugins) ---------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "sphinx-apa7"
bibtex_reference_style = "sphinx-apa7"
# Each post lists what it cites, so a key cited in two posts appears in two lists; that is the
# intended design (sphinxcontrib-bibtex's own advice for per-document bibliographies).
suppress_warnings = ["bibtex.duplicate_citation"]

# -- HTML --------------------------------------------------------------------
html_theme = "furo"
html_title = "Healthy Intimacy"
html_static_path = ["_static"]
html_css_files = ["citations.css"]
# Read the Docs sets the canonical URL of the version being built. Locally the published
# address stands in, so feeds and sitemaps have absolute links in every build.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://healthy-intimacy.readthedocs.io/en/latest/"
)
html_theme_options = {
    "source_repository": "https://github.com/healthy-intimacy/healthy-intimacy/",
    "source_branch": "main",
    "source_directory": "docs/",
}

# -- Web navigation: the sidebar ---------------------------------------------
# The home page's toctrees hold the series, the about pages and the contributor pages; each
# series' landing page holds its posts in a hidden toctree, so posts sit under their series.
# furo writes the whole tree into every page's sidebar, which would put every post of every
# series on every page. Sphinx's `toctree(collapse=True)` keeps the top level and only the open
# branch: the series a reader is in shows its posts, the others show their names.


def collapse_sidebar_tree(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Make the page's `toctree()` template function collapse the branches not being read.

    furo calls `toctree(collapse=False, ...)` in its own `html-page-context` handler (priority
    500); this one runs before it, so furo's sidebar, its expand buttons included, is built
    from the collapsed tree and the full tree is never turned into HTML.
    """
    toctree = context.get("toctree")
    if toctree is None:
        return

    def collapsed_toctree(**options: Any) -> str:
        return str(toctree(**{**options, "collapse": True}))

    context["toctree"] = collapsed_toctree


# -- The book: which pages the PDF and the EPUB hold -------------------------
# Readers download the PDF and the EPUB; contributors read their pages on the web. The book has
# a root of its own, book.md: the home page's introduction, then each series (its landing page,
# whose toctree holds its posts), the about page and the bibliography. The home page, the
# archive (the book has every post already) and the contributor pages stay out of the book, and
# book.md stays out of the web site.
BOOK_ROOT = "book"
BOOK_BUILDERS = frozenset({"latex", "epub"})
WEB_ONLY_PATTERNS = ["index.md", "archive.md", "contributing/**"]
BOOK_SUBTITLE = "Writing on closeness between partners, from a counseling practice"


def choose_pages_for_builder(app: Sphinx) -> None:
    """Give the book builders the book's root and pages; leave the web site's as they are.

    conf.py cannot know the builder, and Read the Docs runs every format from this one file
    without tags, so the choice is made once the builder exists (`builder-inited`). Sphinx
    looks for pages after this event, so `exclude_patterns` still decides what is read. The
    web builders keep conf.py's own values: a changed value would make Sphinx read every page
    again on each build, and `docs-live` rebuild the whole site on every save. A book build
    after a web build into the same doctree folder does read every page again, which Read the
    Docs, building from scratch, never notices.
    """
    if app.builder.name in BOOK_BUILDERS:
        app.config.root_doc = BOOK_ROOT
        kept = [pattern for pattern in app.config.exclude_patterns if pattern != f"{BOOK_ROOT}.md"]
        app.config.exclude_patterns = [*kept, *WEB_ONLY_PATTERNS]


# -- Blog (sphinx_post_series.blog) ------------------------------------------
# Posts name no author of their own: the byline, feeds and citations credit the team.
blog_default_author = author
blog_cite_this_post = True
# OpenGraph cards and the sitemap use the same absolute address as the feeds.
ogp_site_url = html_baseurl
# Social cards would need matplotlib and add a generated image to every page; the post's
# title and description are what a shared link shows.
ogp_social_cards = {"enable": False}
# html_baseurl already holds the language and version (/en/latest/).
sitemap_url_scheme = "{link}"
# Read the Docs serves 404.html for a missing page at any depth, so its links are absolute paths
# under the version's own prefix ("/en/latest/"), taken from the same canonical URL.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>\n"
        "<p>We could not find the page you asked for. It may have moved, or the address may "
        "have a small typing mistake in it. These places are a good start:</p>\n<ul>\n"
        f'<li>the <a href="{notfound_urls_prefix}index.html">home page</a>, with the latest '
        "posts and every series;</li>\n"
        f'<li>the <a href="{notfound_urls_prefix}archive.html">archive</a>, with every post '
        "by year;</li>\n"
        f'<li><a href="{notfound_urls_prefix}about.html">About this blog</a>, on who writes '
        "here and how the citations work.</li>\n</ul>\n"
    ),
}
# A page for readers who took a wrong turn is not one to offer search engines.
sitemap_excludes = ["404.html"]

# -- LaTeX / PDF -------------------------------------------------------------
# xelatex reads Unicode ("Díaz", "Bürkner", curly quotes, en dashes) without extra packages.
latex_engine = "xelatex"
# Sphinx turns xindy on for xelatex; Debian's TeX set here has no xindy, and the blog has no index.
latex_use_xindy = False
latex_documents = [
    (BOOK_ROOT, "healthy-intimacy.tex", project, author, "manual"),
]
# Each series is a part of the book and each post a chapter of its series.
latex_toplevel_sectioning = "part"
# The edition is the date the book was made (Sphinx reads SOURCE_DATE_EPOCH for a fixed one).
today_fmt = "%-d %B %Y"
latex_elements = {
    "papersize": "a4paper",
    # One-sided and chapters open on any page: no blank pages between chapters.
    "classoptions": ",oneside,openany",
    # No "CHAPTER ONE" banners: chapter headings are set below, in the preamble.
    "fncychap": "",
    "printindex": "",
    # The contents list the series, their posts, the about page and the bibliography.
    "tocdepth": r"\setcounter{tocdepth}{0}",
    "maketitle": r"\booktitlepage",
    # The introduction follows the contents, under its own heading, before the first series.
    "tableofcontents": r"\sphinxtableofcontents\bookintroductionheading",
    "preamble": rf"\newcommand{{\booksubtitle}}{{{BOOK_SUBTITLE}}}"
    + r"""
\makeatletter
\newcommand{\booktitlepage}{%
  \begin{titlepage}
    \centering
    \vspace*{0.22\textheight}
    {\py@HeaderFamily\Huge\bfseries \@title\par}
    \vspace{1.5em}
    {\py@HeaderFamily\Large \booksubtitle\par}
    \vfill
    {\py@HeaderFamily\large \@author\par}
    \vspace{0.8em}
    {\py@HeaderFamily\large Edition of \@date\par}
    \vspace*{0.08\textheight}
  \end{titlepage}%
}
\newcommand{\bookintroductionheading}{%
  \chapter*{Introduction}%
  \addcontentsline{toc}{part}{Introduction}%
  \markboth{Introduction}{Introduction}%
}
% After the series, the about page and the bibliography are parts too, but their sections
% are not chapters: each would open a page of its own.
\newcommand{\bookbackmatter}{%
  \let\chapter\section
  \let\section\subsection
  \let\subsection\subsubsection
  % and the PDF's bookmarks nest them one level below their part, as they do chapters
  \def\toclevel@section{0}%
  \def\toclevel@subsection{1}%
}
% Headings carry no numbers: a post's place in its series is in its series box, and a
% "Part I" or "Chapter 1" beside "Part 1 of 3" would only confuse.
\setcounter{secnumdepth}{-2}
% A series opens a new page and its landing text follows its title on that page.
\titleclass{\part}{top}
\titleformat{\part}[display]{\py@HeaderFamily\Huge\bfseries\centering}{}{0pt}{}
\titlespacing*{\part}{0pt}{0.18\textheight}{3em}
\titleformat{\chapter}[display]{\py@HeaderFamily\huge\bfseries}{}{0pt}{}
\titlespacing*{\chapter}{0pt}{0pt}{2em}
% Running heads: the post's title above, the page number below.
\renewcommand{\chaptermark}[1]{\markboth{#1}{#1}}
\renewcommand{\sectionmark}[1]{}
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[R]{\py@HeaderFamily\nouppercase{\leftmark}}%
  \fancyfoot[R]{\py@HeaderFamily\thepage}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0pt}%
}
\fancypagestyle{plain}{%
  \fancyhf{}%
  \fancyfoot[R]{\py@HeaderFamily\thepage}%
  \renewcommand{\headrulewidth}{0pt}%
  \renewcommand{\footrulewidth}{0pt}%
}
\makeatother
""",
}

# -- EPUB --------------------------------------------------------------------
epub_basename = "healthy-intimacy"
epub_title = project
epub_description = BOOK_SUBTITLE
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
epub_contributor = author
# The book's identifier, the same in every edition. Sphinx writes `epub_uid` both as the XML id
# of the identifier and as the NCX's `dtb:uid`, which epubcheck wants equal to the identifier
# itself (NCX-001); so the identifier is a plain name (an address could not be an XML id), and
# `epub_scheme` is left alone (Sphinx writes it only for EPUB 3.1).
epub_uid = "healthy-intimacy"
epub_identifier = epub_uid
# A cover image with its own page (the template is Sphinx's). The PNG is docs/_cover/book-cover.svg
# rendered at 1200 x 1800 pixels by Chromium; e-readers take a PNG cover more readily than SVG.
epub_cover = ("_static/book-cover.png", "epub-cover.html")
# The book has no index of terms.
epub_use_index = False
# The e-book's contents follow the toctrees, which are all hidden (the pages list their own
# posts and series); Sphinx's default scope would leave out everything but the first page.
epub_tocscope = "includehidden"
# Series and posts, as in the PDF's contents.
epub_tocdepth = 2


def setup(app: Sphinx) -> dict[str, bool]:
    app.connect("builder-inited", choose_pages_for_builder)
    app.connect("html-page-context", collapse_sidebar_tree, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
