"""Property: after any edit, an incremental build shows what a clean build shows."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from series_helpers import page, series_navs, touch_later

# The announced part 9 leaves a gap on purpose: it must keep its place in every layout.
CONF = (
    'extensions = ["myst_parser", "sphinx_post_series"]\nproject = "P"\n'
    'suppress_warnings = ["series.gap"]\n'
)
INDEX = "# Index\n\n```{toctree}\n:glob:\n\n*\n```\n"
LANDING = "# Landing\n\n```{series} S\n\n9. Announced ninth\n```\n"


def write_post(srcdir: Path, name: str, part: int, title: str) -> None:
    path = srcdir / f"{name}.md"
    path.write_text(f"---\nseries: S\nseries_part: {part}\n---\n\n# {title}\n\nBody.\n", "utf8")
    touch_later(path)


def write_project(srcdir: Path, posts: dict[str, tuple[int, str]]) -> None:
    for path in srcdir.glob("p*.md"):
        path.unlink()
    for name, (part, title) in posts.items():
        write_post(srcdir, name, part, title)


def boxes(srcdir: Path, *, fresh: bool) -> dict[str, str]:
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=fresh)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        return {
            doc: "".join(str(nav) for nav in series_navs(page(app, doc)))
            for doc in sorted(app.env.found_docs)
        }
    finally:
        app.cleanup()


def initial_posts(count: int) -> dict[str, tuple[int, str]]:
    return {f"p{n}": (n, f"Title {n}") for n in range(1, count + 1)}


edits = st.lists(
    st.one_of(
        st.tuples(st.just("retitle"), st.integers(1, 4), st.sampled_from(["New", "Ünï & <b>"])),
        st.tuples(st.just("swap"), st.integers(1, 4), st.integers(1, 4)),
        st.tuples(st.just("remove"), st.integers(1, 4), st.none()),
        st.tuples(st.just("add"), st.integers(5, 6), st.none()),
    ),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(count=st.integers(2, 4), changes=edits)
def test_incremental_equals_clean(count, changes):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        incremental, clean = root / "incremental", root / "clean"
        incremental.mkdir()
        (incremental / "conf.py").write_text(CONF, "utf8")
        (incremental / "index.md").write_text(INDEX, "utf8")
        (incremental / "landing.md").write_text(LANDING, "utf8")
        posts = initial_posts(count)
        write_project(incremental, posts)
        boxes(incremental, fresh=True)

        for action, first, second in changes:
            name = f"p{first}"
            if action == "retitle" and name in posts:
                posts[name] = (posts[name][0], str(second))
            elif action == "swap" and name in posts and f"p{second}" in posts:
                other = f"p{second}"
                (part_a, title_a), (part_b, title_b) = posts[name], posts[other]
                posts[name], posts[other] = (part_b, title_a), (part_a, title_b)
            elif action == "remove" and name in posts and len(posts) > 1:
                del posts[name]
            elif action == "add" and name not in posts:
                posts[name] = (max(part for part, _ in posts.values()) + 1, f"Added {first}")
        # Keep the numbers gap-free so the project builds without warnings.
        ordered = sorted(posts.items(), key=lambda item: item[1][0])
        posts = {name: (number, title) for number, (name, (_, title)) in enumerate(ordered, 1)}
        changed = {
            name: value
            for name, value in posts.items()
            if not (incremental / f"{name}.md").exists()
            or f"series_part: {value[0]}\n" not in (incremental / f"{name}.md").read_text("utf8")
            or f"# {value[1]}\n" not in (incremental / f"{name}.md").read_text("utf8")
        }
        for path in incremental.glob("p*.md"):
            if path.stem not in posts:
                path.unlink()
        for name, (part, title) in changed.items():
            write_post(incremental, name, part, title)

        shutil.copytree(incremental, clean, ignore=shutil.ignore_patterns("_build"))
        assert boxes(incremental, fresh=False) == boxes(clean, fresh=True)
