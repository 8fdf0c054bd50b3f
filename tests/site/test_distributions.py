"""Each distribution builds from its sdist and works alone in an unrelated Sphinx site.

The site is reStructuredText with alabaster, in a fresh virtual environment that holds Sphinx,
the one wheel under test and what that wheel declares: no MyST, no furo, no other package of
this repository. These tests install from the package index, so they take a minute or two.
"""

from __future__ import annotations

import configparser
import subprocess
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
import sphinx
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
SERIES = REPO / "src" / "sphinx-post-series"
APA = REPO / "src" / "sphinx-apa7"
SPHINX = f"sphinx=={sphinx.__version__}"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, check=False
    )


def make_venv(path: Path) -> Path:
    venv.create(path, with_pip=True)
    return path / "bin" / "python"


def pip_install(python: Path, *requirements: str | Path) -> None:
    result = run(python, "-m", "pip", "install", "--quiet", *requirements)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each project's sdist, and its wheel built from that sdist (not from the tree)."""
    out = tmp_path_factory.mktemp("dist")
    builder = make_venv(out / "builder")
    pip_install(builder, "flit_core>=3.12,<5")
    built: dict[str, dict[str, Path]] = {}
    for project in (SERIES, APA):
        target = out / project.name
        target.mkdir()
        result = run(
            builder, "-c", f"import flit_core.buildapi as b; print(b.build_sdist(r'{target}'))",
            cwd=project,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        sdist = target / result.stdout.strip().splitlines()[-1]
        with tarfile.open(sdist) as archive:
            archive.extractall(target / "unpacked", filter="data")
        (unpacked,) = (target / "unpacked").iterdir()
        result = run(
            builder, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", target,
            unpacked,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        (wheel,) = target.glob("*.whl")
        built[project.name] = {"sdist": sdist, "wheel": wheel}
    return built


def names_in_sdist(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as archive:
        return {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}


def names_in_wheel(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_series_wheel_has_its_data_and_nothing_of_the_blog(
    dists: dict[str, dict[str, Path]],
) -> None:
    names = names_in_wheel(dists["sphinx-post-series"]["wheel"])
    assert "sphinx_post_series/py.typed" in names
    assert "sphinx_post_series/static/series.css" in names
    assert "sphinx_post_series/locales/es/LC_MESSAGES/sphinx_post_series.mo" in names
    assert not any(name.startswith(("docs/", "tests/", "sphinx_apa7")) for name in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    with zipfile.ZipFile(dists["sphinx-post-series"]["wheel"]) as archive:
        text = archive.read(metadata).decode()
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist:")]
    # Sphinx alone; feedgen only for the blog extension's feeds, as an extra.
    assert [line for line in requires if "extra ==" not in line] == [
        "Requires-Dist: sphinx>=8.1,<10"
    ]
    assert [line for line in requires if "extra ==" in line] == [
        'Requires-Dist: feedgen>=1.0 ; extra == "blog"'
    ]


def test_apa_wheel_has_its_data_and_nothing_of_the_blog(dists: dict[str, dict[str, Path]]) -> None:
    names = names_in_wheel(dists["sphinx-apa7"]["wheel"])
    assert "sphinx_apa7/py.typed" in names
    assert not any(name.startswith(("docs/", "tests/", "sphinx_post_series")) for name in names)
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(dists["sphinx-apa7"]["wheel"]) as archive:
        text = archive.read(entry_points).decode()
    groups = configparser.ConfigParser()
    groups.read_string(text)
    registered = {group: dict(groups[group]) for group in groups.sections()}
    # Our own name only: "apa7" is pybtex-apa7-style's, and pybtex takes the first it meets.
    assert registered == {
        "pybtex.style.formatting": {"sphinx-apa7": "sphinx_apa7.bibliography:APA7Style"},
        "pybtex.style.sorting": {"sphinx-apa7": "sphinx_apa7.bibliography:APA7SortingStyle"},
        "sphinxcontrib.bibtex.style.referencing": {
            "sphinx-apa7": "sphinx_apa7.citations:APA7ReferenceStyle"
        },
    }


@pytest.mark.parametrize("project", ["sphinx-post-series", "sphinx-apa7"])
def test_sdist_carries_readme_licence_and_changelog(
    dists: dict[str, dict[str, Path]], project: str
) -> None:
    names = names_in_sdist(dists[project]["sdist"])
    assert {"README.md", "LICENSE", "CHANGELOG.md", "pyproject.toml"} <= names
    assert not any(name.startswith(("docs/", "benchmarks/")) for name in names)


SERIES_SITE = {
    "conf.py": 'extensions = ["sphinx_post_series"]\nhtml_theme = "alabaster"\n',
    "index.rst": "Bread\n=====\n\n.. toctree::\n   :glob:\n\n   *\n\n.. series-index::\n",
    "starter.rst": ":series: Baking Bread\n:series_part: 1\n\nA starter\n=========\n\nFlour.\n",
    "loaf.rst": ":series: Baking Bread\n:series_part: 2\n\nA first loaf\n============\n\nBake.\n",
}

APA_SITE = {
    "conf.py": (
        'extensions = ["sphinx_apa7"]\nhtml_theme = "alabaster"\n'
        'bibtex_bibfiles = ["refs.bib"]\n'
        'bibtex_default_style = "sphinx-apa7"\nbibtex_reference_style = "sphinx-apa7"\n'
    ),
    "index.rst": (
        "Notes\n=====\n\n:cite:t:`dewitte2018` and :cite:p:`dewitte2018`.\n\n.. bibliography::\n"
    ),
    "refs.bib": (
        "@article{dewitte2018,\n  author = {Dewitte, Marieke and Mayer, Aleksandra},\n"
        "  title = {Exploring the link between daily relationship quality},\n"
        "  journal = {Journal of Sexual Medicine}, year = {2018}, volume = {15},\n"
        "  number = {12}, pages = {1675--1686}, doi = {10.1016/j.jsxm.2018.10.003}\n}\n"
    ),
}


def write_site(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(python: Path, site: Path, builder: str = "html") -> subprocess.CompletedProcess[str]:
    return run(python, "-m", "sphinx", "-W", "-b", builder, site, site / "_build" / builder)


def test_series_wheel_alone_in_a_rest_site(
    dists: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    python = make_venv(tmp_path / "venv")
    pip_install(python, SPHINX, dists["sphinx-post-series"]["wheel"])
    installed = run(python, "-m", "pip", "list", "--format=freeze").stdout
    assert "sphinx-apa7" not in installed
    assert "myst" not in installed
    site = write_site(tmp_path / "site", SERIES_SITE)
    result = build(python, site)
    assert result.returncode == 0, result.stderr
    page = (site / "_build" / "html" / "loaf.html").read_text(encoding="utf-8")
    assert "Part 2 of 2" in page
    assert 'href="starter.html"' in page
    result = build(python, site, "text")
    assert result.returncode == 0, result.stderr
    assert "Part 1 of 2" in (site / "_build" / "text" / "starter.txt").read_text(encoding="utf-8")


def test_apa_wheel_alone_beside_another_apa7_style(
    dists: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    """pybtex-apa7-style registers "apa7"; our styles are chosen by their own name."""
    python = make_venv(tmp_path / "venv")
    pip_install(python, SPHINX, "pybtex-apa7-style", dists["sphinx-apa7"]["wheel"])
    installed = run(python, "-m", "pip", "list", "--format=freeze").stdout
    assert "sphinx-post-series" not in installed
    site = write_site(tmp_path / "site", APA_SITE)
    result = build(python, site)
    assert result.returncode == 0, result.stderr
    html = (site / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    text = " ".join(
        BeautifulSoup(html, "html.parser").find("div", class_="body").get_text().split()
    )
    assert "Dewitte and Mayer (2018) and (Dewitte & Mayer, 2018)" in text
    assert "Journal of Sexual Medicine, 15(12), 1675\N{EN DASH}1686." in text
    assert "https://doi.org/10.1016/j.jsxm.2018.10.003" in text
    found = run(
        python, "-c",
        "from pybtex.plugin import find_plugin;"
        "print(find_plugin('pybtex.style.formatting', 'sphinx-apa7').__module__)",
    )  # fmt: skip
    assert found.stdout.strip() == "sphinx_apa7.bibliography", found.stderr


def test_apa_without_sphinxcontrib_bibtex_is_a_sentence_not_a_traceback(
    dists: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    python = make_venv(tmp_path / "venv")
    pip_install(python, SPHINX)
    pip_install(python, "--no-deps", dists["sphinx-apa7"]["wheel"])
    site = write_site(tmp_path / "site", APA_SITE)
    result = build(python, site)
    assert result.returncode != 0
    # Sphinx's own report of an extension error (from 9.2 it adds the raising frame), not the
    # ModuleNotFoundError of an import deep inside sphinx_apa7.
    assert "Extension error" in result.stderr
    assert "ModuleNotFoundError" not in result.stderr
    assert "sphinx_apa7 needs pybtex and sphinxcontrib-bibtex" in result.stderr
    assert "pip install pybtex sphinxcontrib-bibtex" in result.stderr
