"""Sessions a contributor uses: build the site in each format, preview, test, lint, replay RTD.

Run `nox -l` for the list. System tools (TeX, Java) come from Debian; a session that needs one
stops with the `apt-get` line that installs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import nox

sys.path.insert(0, str(Path(__file__).parent / "tests"))
from toolchain import DEBIAN_PACKAGES, latex_errors, latexmk_command

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "venv"

ROOT = Path(__file__).parent
#: The two distributions of this repository, each a folder of its own under src/.
PACKAGES = ("src/sphinx-post-series", "src/sphinx-apa7")
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
#: The Read the Docs project slug; it names the PDF and the EPUB readers download.
RTD_SLUG = "healthy-intimacy"
SPHINX_STRICT = ("-W", "--keep-going", "-n")

#: The oldest and the newest Sphinx we support, each on a Python that can run it.
SPHINX_FOR_PYTHON = {"3.11": "sphinx==8.1.*", "3.13": "sphinx==9.2.*"}


def _require_tools(session: nox.Session, *tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        packages = " ".join(DEBIAN_PACKAGES[tool] for tool in missing)
        session.error(f"{', '.join(missing)} not found; install with: apt-get install {packages}")


def _install_packages(session: nox.Session, *extra: str) -> None:
    session.install(*(arg for package in PACKAGES for arg in ("-e", package)), *extra)


def _install_docs(session: nox.Session) -> None:
    # What .readthedocs.yaml installs: the two extensions, then the blog's requirements.
    _install_packages(session, "-r", "docs/requirements.txt")


def _install_group(session: nox.Session, group: str, *extra: str) -> None:
    # pip 23/24 on these machines cannot read dependency groups (`--group` needs pip 25.1).
    session.install(*nox.project.dependency_groups(PYPROJECT, group), *extra)


def _latexmk(session: nox.Session, latex_dir: Path, jobname: str) -> Path:
    """Run Read the Docs' latexmk line in `latex_dir`; fail on any LaTeX error; return the PDF."""
    with session.chdir(latex_dir):
        # latexmk exits 12 when -f carried on past an error; the log decides below.
        output = session.run(
            *latexmk_command(jobname),
            external=True,
            silent=True,
            success_codes=[0, 12],
        )
    errors = latex_errors(latex_dir / f"{jobname}.log")
    pdf = latex_dir / f"{jobname}.pdf"
    if errors or not pdf.exists():
        session.log(str(output)[-3000:])
        session.error(f"LaTeX failed ({len(errors)} errors): {'; '.join(errors[:5])}")
    return pdf


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site as HTML with warnings as errors (docs/_build/html)."""
    _install_docs(session)
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "html", "docs", str(BUILD / "html"))


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the PDF through LaTeX and latexmk, as Read the Docs does (docs/_build/latex)."""
    _require_tools(session, "latexmk", "xelatex")
    _install_docs(session)
    latex_dir = BUILD / "latex"
    session.run("sphinx-build", *SPHINX_STRICT, "-b", "latex", "docs", str(latex_dir))
    pdf_path = _latexmk(session, latex_dir, RTD_SLUG)
    session.log(f"PDF: {pdf_path}")


@nox.session
def epub(session: nox.Session) -> None:
    """Build the e-book (docs/_build/epub/healthy-intimacy.epub)."""
    _install_docs(session)
    # -M keeps the doctrees out of the EPUB folder (with -b, -W fails on the stray files).
    session.run("sphinx-build", "-M", "epub", "docs", str(BUILD), *SPHINX_STRICT)


@nox.session(name="docs-live")
def docs_live(session: nox.Session) -> None:
    """Preview while writing: rebuilds and reloads the browser on each save.

    Pass `-- -E -a` to rebuild everything after editing the extension's code.
    """
    _install_docs(session)
    _install_group(session, "live")
    session.run(
        "sphinx-autobuild",
        "docs",
        str(BUILD / "live"),
        "--watch",
        "src",
        "-n",
        *session.posargs,
    )


@nox.session(python=list(SPHINX_FOR_PYTHON))
def tests(session: nox.Session) -> None:
    """Run the test suite on the oldest (Python 3.11) and newest (Python 3.13) Sphinx."""
    python = str(session.python)
    _install_group(session, "test", SPHINX_FOR_PYTHON[python])
    _install_packages(session, SPHINX_FOR_PYTHON[python])
    # What a reader sees in the browser does not depend on the Sphinx version: the slow
    # browser suite runs once, on the newest Sphinx.
    newest = python == max(SPHINX_FOR_PYTHON, key=lambda v: tuple(map(int, v.split("."))))
    selection = [] if newest else ["-m", "not needs_browser"]
    session.run("python", "-m", "pytest", *selection, *session.posargs)
    # sphinx-apa7 must leave sphinxcontrib-bibtex's behaviour alone: its own suite, run after
    # ours in the same `nox -s tests` (and so in CI), proves it on this Sphinx.
    session.notify(f"bibtex-compat-{python}")


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff (lint and format), mypy --strict, and a spelling check of the site."""
    _install_group(session, "lint")
    _install_packages(session)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    # Codespell's dictionary plus the slips of the source post, so they never come back.
    session.run(
        "codespell",
        "-D",
        "-",
        "-D",
        ".codespell-dictionary.txt",
        "docs",
        "README.md",
        "CHANGELOG.md",
    )


def _rtd_config(session: nox.Session) -> dict[str, Any]:
    """.readthedocs.yaml, read with the session's PyYAML (nox's own interpreter may lack it)."""
    read = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))"
    output = session.run("python", "-c", read, str(ROOT / ".readthedocs.yaml"), silent=True)
    config: dict[str, Any] = json.loads(str(output))
    return config


def _rtd_install_entries(config: dict[str, Any]) -> list[tuple[str, ...]]:
    """The pip arguments of each `python.install` entry of .readthedocs.yaml."""
    entries: list[tuple[str, ...]] = []
    for entry in config["python"]["install"]:
        if "requirements" in entry:
            entries.append(("-r", entry["requirements"]))
        else:
            extras = ",".join(entry.get("extra_requirements", ()))
            entries.append((entry["path"] + (f"[{extras}]" if extras else ""),))
    return entries


@nox.session
def rtd(session: nox.Session) -> None:
    """Replay what Read the Docs runs, from a clean copy, and fail on any LaTeX error."""
    _require_tools(session, "latexmk", "xelatex")
    _install_group(session, "rtd")
    session.run("check-jsonschema", "--builtin-schema", "vendor.readthedocs", ".readthedocs.yaml")
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    clean = Path(tempfile.mkdtemp(prefix="rtd-"))
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (clean / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clean / name)
    output = ROOT / "_readthedocs"
    shutil.rmtree(output, ignore_errors=True)
    env = {
        "READTHEDOCS": "True",
        "READTHEDOCS_PROJECT": RTD_SLUG,
        "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": f"https://{RTD_SLUG}.readthedocs.io/en/latest/",
    }
    session.run("python", "-m", "pip", "install", "--upgrade", "pip", "setuptools")
    session.run("python", "-m", "pip", "install", "--upgrade", "sphinx")
    # One `pip install` per entry of `python.install`, in order, as Read the Docs runs them.
    pip = ("python", "-m", "pip", "install", "--upgrade", "--upgrade-strategy", "only-if-needed")
    config = _rtd_config(session)
    with session.chdir(clean):
        for entry in _rtd_install_entries(config):
            session.run(*pip, *entry)
    # A format's step replaced in `build.jobs.build` runs as written, from the repository's
    # root, each command in a shell as Read the Docs runs it; the others are Read the Docs' own.
    overridden: dict[str, list[str]] = config.get("build", {}).get("jobs", {}).get("build", {})
    common = ("-T", "-d", "_build/doctrees", "-D", "language=en", ".")
    # Read the Docs' order and flags: fail_on_warning adds -W --keep-going, never to LaTeX.
    steps = [("html", "html", True), ("latex", "pdf", False), ("epub", "epub", True)]
    for builder, folder, is_strict in steps:
        if folder in overridden:
            with session.chdir(clean):
                for command in overridden[folder]:
                    session.run("bash", "-c", command, env=env, external=True)
            continue
        strict = ("-W", "--keep-going") if is_strict else ()
        with session.chdir(clean / "docs"):
            session.run(
                "python", "-m", "sphinx", *strict, "-b", builder, *common,
                str(output / folder), env=env,
            )  # fmt: skip
        if folder == "pdf":
            _latexmk(session, output / "pdf", RTD_SLUG)
    pdfs = sorted((output / "pdf").glob("*.pdf"))
    epubs = sorted((output / "epub").glob("*.epub"))
    if [p.name for p in pdfs] != [f"{RTD_SLUG}.pdf"] or [e.name for e in epubs] != [
        f"{RTD_SLUG}.epub"
    ]:
        session.error(f"expected one {RTD_SLUG}.pdf and one {RTD_SLUG}.epub, got {pdfs + epubs}")
    shutil.rmtree(clean)
    session.log(f"Read the Docs replay: {output}")


#: The run behind the committed benchmarks/RESULTS.md: about 50 minutes on 2 cores.
PUBLISHED_BENCHMARK = (
    *("--sizes", "100,300,1000", "--shapes", "10x100,100x10@100", "--runs", "5"),
    *("--theme", "basic", "--incremental-size", "100"),
)


@nox.session
def bench(session: nox.Session) -> None:
    """Measure what the series extension costs and how rebuilds scale (benchmarks/RESULTS.md).

    Without arguments, the run behind the committed results (about 50 minutes);
    `nox -s bench -- --quick` is a smoke test, `-- --help` lists the options.
    """
    _install_docs(session)
    session.install("matplotlib")
    session.run("python", "benchmarks/run.py", *(session.posargs or PUBLISHED_BENCHMARK))


@nox.session(name="bench-site")
def bench_site(session: nox.Session) -> None:
    """Measure the blog itself at scale on its real conf.py (benchmarks/RESULTS-site.md).

    Without arguments, 100, 300 and 1,000 posts with the `-j 2` builds too (about an hour on
    2 cores); `-- --help` lists the options (`--sizes`, `--parallel`, `--profile N`, `--report`).
    """
    _require_tools(session, "latexmk", "xelatex")
    _install_docs(session)
    # The builds run without matplotlib, as on Read the Docs (sphinxext-opengraph imports it
    # when it is installed); the plot is drawn afterwards.
    session.run("python", "-m", "pip", "uninstall", "--yes", "--quiet", "matplotlib")
    arguments = session.posargs or ("--sizes", "100,300,1000", "--parallel")
    session.run("python", "benchmarks/site.py", *arguments)
    if "--help" not in arguments and "--profile" not in arguments:
        session.install("matplotlib")
        session.run("python", "benchmarks/site.py", "--report")


@nox.session(name="new-post", python=False)
def new_post(session: nox.Session) -> None:
    """Create the next part of a series: `nox -s new-post -- "Title"` (never overwrites)."""
    session.run("python", "scripts/new_post.py", *session.posargs, external=True)


@nox.session
def i18n(session: nox.Session) -> None:
    """Extract the extension's labels and recompile every translation catalog."""
    _install_group(session, "i18n")
    package = ROOT / "src" / "sphinx-post-series" / "sphinx_post_series"
    # Two catalogs: the series extension's (its package without blog/) and the blog's own.
    for catalog, folder, ignored in (
        ("sphinx_post_series", package, ".* ._ blog"),
        ("sphinx_post_series_blog", package / "blog", ".* ._"),
    ):
        locales = folder / "locales"
        pot = locales / f"{catalog}.pot"
        session.run(
            "pybabel", "extract", "-o", str(pot), "--no-location", "--sort-output",
            "--ignore-dirs", ignored, str(folder),
        )  # fmt: skip
        session.run("pybabel", "update", "-i", str(pot), "-d", str(locales), "-D", catalog)
        session.run("pybabel", "compile", "-d", str(locales), "-D", catalog)


def _junit_outcomes(report: Path) -> dict[str, str]:
    """Outcome of each test of a pytest ``--junitxml`` report, by test id."""
    import xml.etree.ElementTree as ET  # pytest's own report, not outside input

    outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        tags = {child.tag: child for child in case if child.tag in {"error", "failure", "skipped"}}
        if "error" in tags:
            outcome = "error"
        elif "failure" in tags:
            outcome = "failed"
        elif "skipped" in tags:
            xfail = tags["skipped"].get("type") == "pytest.xfail"
            outcome = "xfailed" if xfail else "skipped"
        else:
            outcome = "passed"
        outcomes[f"{case.get('classname')}::{case.get('name')}"] = outcome
    return outcomes


@nox.session(name="bibtex-compat", python=list(SPHINX_FOR_PYTHON))
def bibtex_compat(session: nox.Session) -> None:
    """sphinxcontrib-bibtex's own tests: every one that passes alone passes with sphinx_apa7."""
    import tarfile

    python = str(session.python)
    _install_packages(session, SPHINX_FOR_PYTHON[python])
    # The suite of the version installed (sphinx-apa7 depends on sphinxcontrib-bibtex).
    version = session.run(
        "python",
        "-c",
        "from importlib.metadata import version; print(version('sphinxcontrib-bibtex'))",
        silent=True,
    )
    assert isinstance(version, str)
    version = version.strip()
    work = Path(session.create_tmp()).resolve() / f"sphinxcontrib-bibtex-{version}"
    shutil.rmtree(work, ignore_errors=True)
    session.run(
        "python", "-m", "pip", "download", "--quiet", "--no-binary", ":all:", "--no-deps",
        "--dest", str(work), f"sphinxcontrib-bibtex=={version}",
    )  # fmt: skip
    (sdist,) = work.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(work, filter="data")
    (upstream,) = (path for path in work.iterdir() if path.is_dir())
    # Its test extra (pytest, pytest-cov, sphinx-autoapi), without moving Sphinx or itself.
    extras = nox.project.load_toml(upstream / "pyproject.toml")["project"]["optional-dependencies"]
    session.install(
        *extras.get("test", ["pytest", "sphinx-autoapi"]),
        SPHINX_FOR_PYTHON[python],
        f"sphinxcontrib-bibtex=={version}",
    )
    # As shipped: its pytest.ini selects the tests (no numpydoc, rinohtype or cython ones).
    pytest_args = ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    plugin_env = {
        "PYTHONPATH": str(ROOT / "tests" / "apa"),
        "BIBTEX_COMPAT_EXTENSION": "sphinx_apa7",
    }
    reports = {"alone": work / "alone.xml", "with": work / "with-sphinx-apa7.xml"}
    with session.chdir(upstream):
        session.run(
            *pytest_args, f"--junitxml={reports['alone']}",
            f"--basetemp={work / 'tmp-alone'}", *session.posargs,
            success_codes=[0, 1],
        )  # fmt: skip
        session.run(
            *pytest_args, "-p", "upstream_plugin", f"--junitxml={reports['with']}",
            f"--basetemp={work / 'tmp-with'}", *session.posargs,
            env=plugin_env, success_codes=[0, 1],
        )  # fmt: skip
    alone, with_us = (_junit_outcomes(report) for report in reports.values())
    if not any(outcome == "passed" for outcome in alone.values()):
        session.error(f"sphinxcontrib-bibtex {version}: no test passed even without sphinx_apa7")
    changed = {
        test: (outcome, with_us.get(test, "missing"))
        for test, outcome in alone.items()
        if with_us.get(test, "missing") != outcome
    }
    for test, (before, after) in sorted(changed.items()):
        session.log(f"{test}: {before} alone, {after} with sphinx_apa7")
    broken = [test for test, (before, _) in changed.items() if before == "passed"]
    if broken:
        session.error(
            f"{len(broken)} of sphinxcontrib-bibtex {version}'s tests pass alone and not with "
            f"sphinx_apa7: {', '.join(sorted(broken))}"
        )
    passing = sum(outcome == "passed" for outcome in alone.values())
    session.log(
        f"sphinxcontrib-bibtex {version}: {len(alone)} tests, {passing} passing alone, "
        "all of them passing with sphinx_apa7 too"
    )
