"""Generate synthetic MyST blog sites for the series benchmark.

A site has N posts grouped into series of equal length, one landing page per series, an index
with a glob toctree, a ``references.bib`` and a ``conf.py``. Two variants are generated from the
same seed and differ only where the extension is concerned:

* ``with``: ``sphinx_post_series`` is loaded and each landing page declares its series with the
  ``{series}`` directive;
* ``without``: the extension is not loaded and the landing pages have no directive (the posts'
  front matter is still there, unused).

Shapes name the length of a series: ``10x100`` means series of 100 parts (ten of them at 1,000
posts), ``100x10`` series of 10 parts (a hundred at 1,000 posts). At fewer posts the series keep
their length and there are fewer of them (``10x100`` at 100 posts is one series of 100 parts).

Run ``python benchmarks/generate.py --help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

#: Parts per series for each shape name.
SHAPES: dict[str, int] = {"10x100": 100, "100x10": 10}

#: (formatting style, referencing style) passed to sphinxcontrib-bibtex.
BIBTEX_STYLES: dict[str, tuple[str, str]] = {
    "apa7": ("sphinx-apa7", "sphinx-apa7"),
    # sphinxcontrib-bibtex's own styles, for dry runs before the APA 7 plugins exist.
    "builtin": ("alpha", "author_year"),
}

REFERENCE_COUNT = 50
PARAGRAPHS_PER_POST = 4
WORDS_PER_PARAGRAPH = 70
FIRST_DATE = dt.date(2020, 1, 6)

_WORDS = [
    "closeness",
    "trust",
    "partner",
    "couple",
    "therapy",
    "desire",
    "safety",
    "attachment",
    "conflict",
    "repair",
    "listening",
    "emotion",
    "pattern",
    "study",
    "sample",
    "evidence",
    "practice",
    "change",
    "habit",
    "stress",
    "support",
    "distance",
    "time",
    "conversation",
    "boundary",
    "respect",
    "care",
    "growth",
    "memory",
    "hope",
    "fear",
    "shame",
    "comfort",
    "touch",
    "routine",
    "family",
    "culture",
    "meaning",
    "value",
    "choice",
    "effort",
    "response",
    "question",
    "answer",
    "session",
    "research",
]
_SURNAMES = [
    "Abbott",
    "Baker",
    "Carvalho",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Horvath",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Urbano",
    "Virtanen",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
]
_JOURNALS = (
    "Journal of Couple Research",
    "Family Process Quarterly",
    "Archives of Relationship Science",
    "Journal of Sex \\& Marital Therapy",
    "Clinical Psychology Review",
)


@dataclass(frozen=True)
class SiteSpec:
    """What to generate: the number of posts, the series shape and the variant."""

    posts: int
    shape: str
    with_series: bool
    bibtex_styles: str = "apa7"

    @property
    def parts_per_series(self) -> int:
        return SHAPES[self.shape]

    @property
    def series_count(self) -> int:
        return -(-self.posts // self.parts_per_series)

    @property
    def variant(self) -> str:
        return "with" if self.with_series else "without"

    @property
    def folder_name(self) -> str:
        return f"n{self.posts}-{self.shape}-{self.variant}"

    def parts_of(self, series: int) -> range:
        """The part numbers of series `series` (1-based), as generated."""
        first_post = (series - 1) * self.parts_per_series
        return range(1, min(self.parts_per_series, self.posts - first_post) + 1)


def series_title(series: int) -> str:
    return f"Series {series}"


def post_docname(series: int, part: int) -> str:
    return f"posts/s{series:03d}-p{part:03d}"


def landing_docname(series: int) -> str:
    return f"series/s{series:03d}"


def post_title(series: int, part: int, *, revision: int = 0) -> str:
    """A title unique in the site; `revision` > 0 gives the retitled variant."""
    rng = random.Random(f"title-{series}-{part}-{revision}")
    words = " ".join(rng.sample(_WORDS, 3))
    return f"{series_title(series)}, part {part}: {words.capitalize()}"


def _first_author(index: int) -> str:
    # (first author, year) pairs are unique for the first 312 entries, so no two labels clash.
    return _SURNAMES[index % len(_SURNAMES)]


def _year(index: int) -> int:
    return 2000 + index % 24


def reference_keys() -> list[str]:
    keys = []
    for i in range(REFERENCE_COUNT):
        surname = _first_author(i).lower().translate(str.maketrans("áí", "ai"))
        keys.append(f"{surname}{_year(i)}{i:02d}")
    return keys


def _paragraph(rng: random.Random, citation: str | None) -> str:
    words = [rng.choice(_WORDS) for _ in range(WORDS_PER_PARAGRAPH)]
    sentences = [" ".join(words[i : i + 14]).capitalize() + "." for i in range(0, len(words), 14)]
    if citation is not None:
        sentences.insert(rng.randrange(len(sentences) + 1), citation)
    text = " ".join(sentences)
    # Wrap at about 100 columns, as a writer's editor would.
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > 100:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def post_text(series: int, part: int, *, title_revision: int = 0, body_revision: int = 0) -> str:
    """The source of one post; the revisions produce the benchmark's edits."""
    rng = random.Random(f"post-{series}-{part}")
    keys = reference_keys()
    date = FIRST_DATE + dt.timedelta(days=7 * (part - 1) + series)
    paragraphs = []
    for index in range(PARAGRAPHS_PER_POST):
        citation: str | None
        if index == 0:
            citation = f"Earlier work agrees {{cite:p}}`{rng.choice(keys)}`."
        elif index == 1:
            citation = f"{{cite:t}}`{rng.choice(keys)}` describe a similar pattern."
        elif index == 2:
            first, second = rng.sample(keys, 2)
            citation = f"Two studies found the same {{cite:p}}`{first},{second}`."
        else:
            citation = None
        paragraphs.append(_paragraph(rng, citation))
    if body_revision:
        paragraphs[1] += f"\nThis paragraph was revised (revision {body_revision})."
    body = "\n\n".join(paragraphs)
    return f"""---
series: {series_title(series)}
series_part: {part}
date: {date.isoformat()}
description: Part {part} of {series_title(series)}, one line for lists of posts.
---

# {post_title(series, part, revision=title_revision)}

{body}

## References

```{{bibliography}}
:filter: docname in docnames
```
"""


def landing_text(series: int, *, with_series: bool) -> str:
    title = series_title(series)
    text = f"""# {title}

An introduction to {title}: what the series covers and in which order to read it. Each part
stands on its own and lists the sources it draws on.
"""
    if with_series:
        text += f"""
```{{series}} {title}
:description: One line about {title}.
```
"""
    return text


def bibliography_text() -> str:
    entries = []
    for i, key in enumerate(reference_keys()):
        rng = random.Random(f"ref-{i}")
        authors = " and ".join(
            f"{surname}, {rng.choice('ABCDEFGHJKLMNPRST')}."
            for surname in [_first_author(i), *rng.sample(_SURNAMES, i % 4)]
        )
        title = " ".join(rng.sample(_WORDS, 6)).capitalize()
        first_page = rng.randrange(1, 900)
        entries.append(
            f"""@article{{{key},
  author  = {{{authors}}},
  title   = {{{title}}},
  journal = {{{_JOURNALS[i % len(_JOURNALS)]}}},
  year    = {{{_year(i)}}},
  volume  = {{{10 + i}}},
  pages   = {{{first_page}--{first_page + rng.randrange(5, 30)}}}
}}
"""
        )
    return "\n".join(entries)


def conf_text(spec: SiteSpec) -> str:
    formatting, referencing = BIBTEX_STYLES[spec.bibtex_styles]
    default = "1" if spec.with_series else "0"
    return f'''"""Benchmark site ({spec.folder_name}), generated by benchmarks/generate.py."""

import os

project = "Series benchmark"
author = "Benchmark"
# Both variants cite like docs/conf.py, through our APA 7 extension; only the series differ.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_apa7"]
# BENCH_WITH_SERIES=1 loads the series extension; this site was generated for "{spec.variant}".
if os.environ.get("BENCH_WITH_SERIES", "{default}") == "1":
    extensions.append("sphinx_post_series")
    # run.py's third variant: the extension does all its work, then drop_series_output.py
    # (on PYTHONPATH) removes its output, to tell its own cost from the cost of writing it.
    if os.environ.get("BENCH_DROP_SERIES_OUTPUT") == "1":
        extensions.append("drop_series_output")
# benchmarks/record_pages.py (on PYTHONPATH) logs the docs read and the pages written.
if os.environ.get("BENCH_RECORD_PAGES"):
    extensions.append("record_pages")

exclude_patterns = ["_build"]
root_doc = "index"

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "{formatting}"
bibtex_reference_style = "{referencing}"
suppress_warnings = ["bibtex.duplicate_citation"]

# run.py --theme sets BENCH_HTML_THEME, to tell the theme's share of the time from the rest.
html_theme = os.environ.get("BENCH_HTML_THEME", "furo")
'''


def index_text() -> str:
    return """# Series benchmark

A synthetic blog generated for benchmarking.

```{toctree}
:hidden:
:glob:

series/*
posts/*
```
"""


def generate_site(dest: Path, spec: SiteSpec) -> Path:
    """Write the site for `spec` into `dest` (emptied first) and return `dest`."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "posts").mkdir(parents=True)
    (dest / "series").mkdir()
    (dest / "conf.py").write_text(conf_text(spec), encoding="utf-8")
    (dest / "index.md").write_text(index_text(), encoding="utf-8")
    (dest / "references.bib").write_text(bibliography_text(), encoding="utf-8")
    for series in range(1, spec.series_count + 1):
        (dest / f"{landing_docname(series)}.md").write_text(
            landing_text(series, with_series=spec.with_series), encoding="utf-8"
        )
        for part in spec.parts_of(series):
            (dest / f"{post_docname(series, part)}.md").write_text(
                post_text(series, part), encoding="utf-8"
            )
    return dest


# -- The realistic site: the blog itself at scale ---------------------------------------------
# The sites above are small synthetic posts; this one is docs/ as it is (its conf.py, pages,
# static files and references) with generated series of posts shaped like Part 1 (its text,
# its ~29 citations and its per-post reference list), for benchmarks/site.py.

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The post every generated post is modelled on.
MODEL_POST = DOCS / "posts" / "healthy-intimacy-part-1.md"
#: Parts per generated series (the real series plans three; a long-running blog has longer ones).
REALISTIC_PARTS_PER_SERIES = 10
#: Each real reference has this many variants per this many posts (a new author and year), so
#: the bibliography grows with the blog: 17 x 10 + 17 entries at 100 posts, 1,717 at 1,000.
POSTS_PER_REFERENCE_VARIANT = 10
_CATEGORIES = ("Family Counseling", "Couple Therapy", "Sex Therapy")
_CITE_ROLE = re.compile(r"\{cite:[pt]\}`([^`]*)`")
_BIB_ENTRY = re.compile(r"^@(\w+)\{([^,]+),\n(.*?)\n\}\n", re.MULTILINE | re.DOTALL)
#: Directives of the extensions, left out of the Sphinx-only floor.
_EXTENSION_DIRECTIVES = ("bibliography", "series", "series-contents", "series-index", "post-list")
_EXTENSIONS_LIST = re.compile(r"^extensions = \[\n.*?^\]\n", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class RealisticSpec:
    """The blog with `posts` posts (the real Part 1 included); `floor` is the Sphinx-only site."""

    posts: int
    floor: bool = False

    @property
    def folder_name(self) -> str:
        return f"real{self.posts}-{'floor' if self.floor else 'site'}"

    @property
    def generated_posts(self) -> int:
        return self.posts - 1

    @property
    def series_count(self) -> int:
        return -(-self.generated_posts // REALISTIC_PARTS_PER_SERIES)

    @property
    def reference_variants(self) -> int:
        return max(1, -(-self.posts // POSTS_PER_REFERENCE_VARIANT))

    def parts_of(self, series: int) -> range:
        first = (series - 1) * REALISTIC_PARTS_PER_SERIES
        return range(1, min(REALISTIC_PARTS_PER_SERIES, self.generated_posts - first) + 1)


def realistic_series_title(series: int) -> str:
    return f"Closeness Notes {series}"


def realistic_post_docname(series: int, part: int) -> str:
    return f"posts/r{series:03d}-p{part:03d}"


def realistic_landing_docname(series: int) -> str:
    return f"series/r{series:03d}"


def realistic_post_title(series: int, part: int, *, revision: int = 0) -> str:
    rng = random.Random(f"real-title-{series}-{part}-{revision}")
    return f"{realistic_series_title(series)}, part {part}: {' '.join(rng.sample(_WORDS, 3))}"


def _real_references() -> list[tuple[str, str, str]]:
    """(type, key, fields) of each entry of docs/references.bib."""
    text = (DOCS / "references.bib").read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), m.group(3)) for m in _BIB_ENTRY.finditer(text)]


def _variant_key(key: str, variant: int) -> str:
    return f"{key}v{variant:03d}"


def realistic_bibliography(spec: RealisticSpec) -> str:
    """docs/references.bib, then `reference_variants` variants of each of its entries."""
    entries = [(DOCS / "references.bib").read_text(encoding="utf-8")]
    for index, (kind, key, fields) in enumerate(_real_references()):
        for variant in range(1, spec.reference_variants + 1):
            surname = _SURNAMES[(variant + index) % len(_SURNAMES)]
            year = 1995 + (variant * 7 + index) % 30
            body = re.sub(r"(author\s*=\s*\{)[^,]+,", rf"\g<1>{surname},", fields, count=1)
            body = re.sub(r"(year\s*=\s*\{)\d{4}", rf"\g<1>{year}", body, count=1)
            entries.append(f"@{kind}{{{_variant_key(key, variant)},\n{body}\n}}\n")
    return "\n".join(entries)


def _split_model_post() -> tuple[str, str]:
    """Part 1's body after its title, and its title line."""
    text = MODEL_POST.read_text(encoding="utf-8")
    _, _, after_front_matter = text.split("---\n", 2)
    title, _, body = after_front_matter.lstrip("\n").partition("\n")
    return title, body


def realistic_post_text(
    spec: RealisticSpec, series: int, part: int, *, title_revision: int = 0
) -> str:
    """A post like Part 1: its text, each cited work replaced by one of that work's variants."""
    rng = random.Random(f"real-post-{series}-{part}")
    variant_of = {
        key: rng.randrange(1, spec.reference_variants + 1) for _, key, _ in _real_references()
    }

    def cite_variants(match: re.Match[str]) -> str:
        role = match.group(0)
        for key, variant in variant_of.items():
            role = re.sub(rf"(?<![\w]){key}(?![\w])", _variant_key(key, variant), role)
        return role

    _, body = _split_model_post()
    body = _CITE_ROLE.sub(cite_variants, body)
    index = (series - 1) * REALISTIC_PARTS_PER_SERIES + part
    date = FIRST_DATE + dt.timedelta(days=3 * index)
    text = f"""---
series: {realistic_series_title(series)}
series_part: {part}
date: {date.isoformat()}
description: Part {part} of {realistic_series_title(series)}, one line for lists of posts.
category: {_CATEGORIES[index % len(_CATEGORIES)]}
---

# {realistic_post_title(series, part, revision=title_revision)}
{body}"""
    return floor_text(text) if spec.floor else text


def realistic_landing_text(spec: RealisticSpec, series: int, parts: range) -> str:
    title = realistic_series_title(series)
    entries = "\n".join(f"../{realistic_post_docname(series, part)}" for part in parts)
    text = f"""# {title}

An introduction to {title}: what the series covers and in which order to read it. Each part
stands on its own and lists the sources it draws on.

```{{series}} {title}
:description: One line about {title}.
```

```{{toctree}}
:hidden:

{entries}
```
"""
    return floor_text(text) if spec.floor else text


def floor_text(text: str) -> str:
    """A page for the Sphinx-only floor: citations as plain text, no extension directives."""
    text = _CITE_ROLE.sub(lambda m: f"({m.group(1)})", text)
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    closing: str | None = None
    for line in lines:
        if closing is not None:
            if line.rstrip("\n") == closing:
                closing = None
            continue
        match = re.match(r"^(`{3,}|:{3,})\{([\w-]+)\}", line)
        if match and match.group(2) in _EXTENSION_DIRECTIVES:
            closing = match.group(1)
            continue
        kept.append(line)
    return "".join(kept)


def floor_conf_text() -> str:
    """docs/conf.py with MyST alone in `extensions`: the same theme and options.

    The sidebar hook stays (it only makes pages smaller), and so does the book-root hook
    (web builds keep conf.py's own `exclude_patterns`), so the floor's rebuilds are Sphinx's own.
    """
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    floor = (
        "# The Sphinx-only floor (benchmarks/generate.py): docs/conf.py with MyST alone; the\n"
        "# other extensions' options stay and are ignored.\n"
        'extensions = ["myst_parser"]\n'
    )
    conf, count = _EXTENSIONS_LIST.subn(floor, conf)
    if count != 1:
        raise SystemExit("docs/conf.py: could not find its `extensions = [...]` list")
    return conf


def generate_realistic_site(root: Path, spec: RealisticSpec) -> Path:
    """Write docs/ with `spec.posts` posts into `root`/docs (`root` emptied first); return it.

    The changelogs the contributor pages include (from the repository root and each
    distribution's folder) are copied beside it, where those includes look for them.
    """
    if root.exists():
        shutil.rmtree(root)
    dest = root / "docs"
    shutil.copytree(DOCS, dest, ignore=shutil.ignore_patterns("_build", "__pycache__"))
    for changelog in DOCS.parent.glob("**/CHANGELOG.md"):
        relative = changelog.relative_to(DOCS.parent)
        if relative.parts[0] in {"src", "CHANGELOG.md"}:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(changelog, root / relative)
    if spec.floor:
        (dest / "conf.py").write_text(floor_conf_text(), encoding="utf-8")
        for page in dest.rglob("*.md"):
            page.write_text(floor_text(page.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        (dest / "references.bib").write_text(realistic_bibliography(spec), encoding="utf-8")
    for series in range(1, spec.series_count + 1):
        parts = spec.parts_of(series)
        (dest / f"{realistic_landing_docname(series)}.md").write_text(
            realistic_landing_text(spec, series, parts), encoding="utf-8"
        )
        for part in parts:
            (dest / f"{realistic_post_docname(series, part)}.md").write_text(
                realistic_post_text(spec, series, part), encoding="utf-8"
            )
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="folder to write the sites into")
    parser.add_argument("--posts", type=int, nargs="+", default=[100], help="post counts")
    parser.add_argument("--shape", choices=sorted(SHAPES), nargs="+", default=["10x100"])
    parser.add_argument("--variant", choices=["with", "without", "both"], default="both")
    parser.add_argument(
        "--bibtex-styles",
        choices=sorted(BIBTEX_STYLES),
        default="apa7",
        help="apa7 (our package's plugins) or builtin (alpha/author_year, for dry runs)",
    )
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="the blog itself (docs/) with generated posts like Part 1, and its Sphinx-only floor",
    )
    args = parser.parse_args(argv)
    if args.realistic:
        for posts in args.posts:
            for floor in (False, True):
                real = RealisticSpec(posts, floor)
                site = generate_realistic_site(args.dest / real.folder_name, real)
                print(f"{site}: {posts} posts in {real.series_count} series + 1", file=sys.stderr)
        return 0
    variants = {"with": [True], "without": [False], "both": [True, False]}[args.variant]
    for posts in args.posts:
        for shape in args.shape:
            for with_series in variants:
                spec = SiteSpec(posts, shape, with_series, args.bibtex_styles)
                site = generate_site(args.dest / spec.folder_name, spec)
                print(f"{site}: {posts} posts in {spec.series_count} series", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
