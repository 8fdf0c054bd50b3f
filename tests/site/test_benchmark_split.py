"""The benchmark's third variant writes the pages of the site without the extension.

``benchmarks/run.py`` splits the extension's overhead into its own work and the cost of
writing its output by timing a build whose series output ``drop_series_output.py`` removes
before writing. That split is only honest if those page bodies are the ones of the site
without the extension, and if the extension still did its work; this checks both on a small
site (posts, and landing pages with a ``{series}`` list).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import SiteSpec, generate_site  # noqa: E402
from run import sphinx_build  # noqa: E402


def _page_bodies(out: Path) -> dict[str, str]:
    """The main content of every post and landing page (the sidebar differs by design)."""
    bodies = {}
    for path in sorted(out.glob("*/*.html")):
        body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(
            "div", class_="body"
        )
        assert body is not None, path
        bodies[path.relative_to(out).as_posix()] = str(body)
    return bodies


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("bench-split")
    sites = {
        with_series: generate_site(
            work / f"site-{with_series}", SiteSpec(12, "100x10", with_series)
        )
        for with_series in (True, False)
    }
    outputs = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BENCH_HTML_THEME", "basic")  # the theme the published results use
        for name, with_series, drop_output in (
            ("with", True, False),
            ("without", False, False),
            ("dropped", True, True),
        ):
            out = work / name
            build = sphinx_build(
                sites[with_series],
                out,
                work / f"doctrees-{name}",
                with_series=with_series,
                drop_output=drop_output,
            )
            assert build.warnings == []
            outputs[name] = out
    return outputs


def test_dropped_output_gives_the_page_bodies_of_the_site_without_the_extension(
    built: dict[str, Path],
) -> None:
    dropped, without = _page_bodies(built["dropped"]), _page_bodies(built["without"])
    assert len(dropped) == 14  # 12 posts and 2 landing pages
    assert dropped == without


def test_the_extension_still_works_when_its_output_is_dropped(built: dict[str, Path]) -> None:
    with_series, dropped = _page_bodies(built["with"]), _page_bodies(built["dropped"])
    assert with_series.keys() == dropped.keys()
    post = "posts/s001-p002.html"
    assert "Part 2 of 10" in BeautifulSoup(with_series[post], "html.parser").get_text()
    assert "Part 2 of 10" not in BeautifulSoup(dropped[post], "html.parser").get_text()
    # The theme hook still ran: the last part of series 1 has no next page in its <head>,
    # where Sphinx alone links the next document of the toctree.
    last = "posts/s001-p010.html"
    for variant, next_page in (("with", None), ("dropped", None), ("without", "s002-p001.html")):
        page = BeautifulSoup((built[variant] / last).read_text(encoding="utf-8"), "html.parser")
        link = page.find("link", rel="next")
        assert (link and link["href"]) == next_page, variant
