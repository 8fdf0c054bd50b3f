"""Property: small sites full of writers' mistakes build with every builder the reference promises,
with no traceback and only located, typed warnings; the LaTeX compiles to a PDF."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from outputs import build_pdf
from series_helpers import located_warnings, write_site
from system_tools import is_ci

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo"]

# YAML as writers (and the tools they paste from) type it.
NAMES = ["Alpha", "alpha ", "Café", "Cafe\u0301", '"Joy \\ud83d\\ude00"', '"\\ud83d"', "null",
         "[A, B]", "", "true", "'{x}'", "100% a_b #c"]  # fmt: skip
PARTS = [
    None,
    "1",
    "2",
    "3",
    "017",
    "0",
    "1000000000000000000000000000000",
    '"\N{ARABIC-INDIC DIGIT ONE}"',
    "[1]",
    "2.5",
]
DATES = [None, "2022-07-13", "2023-01-01", "20220713", "2022-W28-3", "yesterday", "null"]
DESCRIPTIONS = [None, '""', "Some words", '"\\udc00 half"', "null", "{a: 1}", "'— & <b>'"]
TITLES = ["Plain", "With *markup*", "Ünïcödé & <b>", "Two\n\n# Second heading", None]
EXTRA_KEYS = [None, "seires: Alpha", "series-part: 2", "category: notes", "tags: [a, b]"]
ANNOUNCEMENTS = ["1. First", "2. Second", "9999. Last", "10000. Too far", "not a line", "3) Third"]

posts = st.lists(
    st.tuples(
        st.sampled_from(NAMES),
        st.sampled_from(PARTS),
        st.sampled_from(DATES),
        st.sampled_from(DESCRIPTIONS),
        st.sampled_from(TITLES),
        st.sampled_from(EXTRA_KEYS),
    ),
    min_size=1,
    max_size=4,
)
landings = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from(["Alpha", "Café", "Nothing"]),
        st.lists(st.sampled_from(ANNOUNCEMENTS), max_size=3),
    ),
)


def site_files(post_specs, landing) -> dict[str, str]:
    files = {"all.md": "# All\n\n```{series-index}\n```\n\n```{series-contents} Alpha\n```\n"}
    for number, (name, part, date, description, title, extra) in enumerate(post_specs, 1):
        values = {"series_part": part, "date": date, "description": description}
        lines = [f"series: {name}", *(f"{key}: {value}" for key, value in values.items() if value)]
        lines += [extra] if extra else []
        heading = f"# {title}\n\n" if title else ""
        files[f"post{number}.md"] = (
            "---\n" + "\n".join(lines) + f"\n---\n\n{heading}Body {number}.\n"
        )
    if landing is not None:
        name, announcements = landing
        body = "\n".join(announcements)
        files["landing.md"] = (
            f"# Landing\n\n```{{series}} {name}\n:description: About it.\n\n{body}\n```\n"
        )
    return files


@settings(
    max_examples=2,
    deadline=None,
    # Each example is eight builds and a PDF: report a failing site as generated, unshrunk.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(post_specs=posts, landing=landings)
def test_random_sites_build_with_every_builder(post_specs, landing):
    with tempfile.TemporaryDirectory() as tmp:
        srcdir = write_site(Path(tmp) / "site", site_files(post_specs, landing))
        for builder in BUILDERS:
            app = SphinxTestApp(builder, srcdir=srcdir, freshenv=builder == "html")
            try:
                app.build()  # a traceback would raise here
                located_warnings(app)
                if builder == "latex" and (shutil.which("latexmk") or is_ci()):
                    build_pdf(app.outdir, "site")
            finally:
                app.cleanup()
