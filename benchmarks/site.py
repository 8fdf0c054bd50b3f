"""Measure the blog itself at scale: the real docs/conf.py, posts like Part 1, and its floor.

For each size, `generate.py --realistic` writes the blog (docs/ with generated series of posts
shaped like Part 1: its text, its citations, its reference list) and the Sphinx-only floor (the
same pages and conf.py with MyST alone: no bibtex, no series or blog extension, no OpenGraph,
sitemap or 404 page). Then, one run per figure:

1. the Read the Docs replay on the blog, in its order and with its flags: HTML (`-W
   --keep-going`), LaTeX, EPUB (`-W --keep-going`), all three into one doctree folder, then
   latexmk on the LaTeX output (`--skip latexmk` leaves it out);
2. between the HTML and the LaTeX build, the writer's loop on the HTML output: one post's body
   edited (a sentence added), one part retitled, one new part added to its series, each
   followed by an incremental HTML build; the edits are undone before the LaTeX build;
3. the same clean HTML build and writer's loop on the floor;
4. with `--parallel`, the blog's Read the Docs builds again with `-j 2`, from scratch, as a
   project can ask Read the Docs to run them (`build.jobs`).

`--skip loop` leaves out both writer's loops, `--skip book` the LaTeX, EPUB and latexmk steps,
`--skip latexmk` latexmk alone.

Every build runs under `/usr/bin/time -v` (wall and CPU seconds, peak resident memory). The
figures go to `site-results.json` (one entry per size, so sizes can be measured in separate
runs); `--report` writes `RESULTS-site.md` and `site-time-per-post.png` from that file.
`--profile N` profiles a clean HTML build and a body edit of the N-post blog with cProfile.
The plot needs matplotlib, which the builds must not have: sphinxext-opengraph imports it
when it is installed, which a Read the Docs build from `docs/requirements.txt` does not pay.

Run ``python benchmarks/site.py --help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
import generate

from toolchain import latexmk_command

HERE = Path(__file__).parent
ROOT = HERE.parent
RESULTS_JSON = HERE / "site-results.json"
RTD_SLUG = "healthy-intimacy"
RTD_COMMON = ("-T", "-d", "_build/doctrees", "-D", "language=en", ".")
RTD_ENV = {
    "READTHEDOCS": "True",
    "READTHEDOCS_PROJECT": RTD_SLUG,
    "READTHEDOCS_LANGUAGE": "en",
    "READTHEDOCS_VERSION": "latest",
    "READTHEDOCS_CANONICAL_URL": f"https://{RTD_SLUG}.readthedocs.io/en/latest/",
}
#: The post whose body is edited, the part retitled, and the series a new part joins.
EDITED_POST = (1, 5)
RETITLED_POST = (2, 3)
GROWN_SERIES = 1
ADDED_SENTENCE = "A sentence the benchmark added, as a writer would while revising.\n\n"


@dataclass
class Build:
    """One timed build: wall and CPU seconds, peak resident memory, what it read and wrote."""

    name: str
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    returncode: int
    warnings: int
    docs_read: int | None = None
    pages_written: int | None = None


@dataclass
class SizeResult:
    posts: int
    started: str
    machine: str
    builds: list[Build] = field(default_factory=list)
    html_pages: int = 0
    html_bytes: int = 0
    post_page_bytes_median: int = 0
    index_page_bytes: int = 0
    floor_post_page_bytes_median: int = 0
    bib_entries: int = 0


def machine_line() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, load average at start {load}"


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    names = [
        *("sphinx", "docutils", "myst-parser", "furo", "sphinxcontrib-bibtex", "pybtex"),
        *("pybtex-docutils", "latexcodec", "sphinx-post-series", "sphinx-apa7"),
        *("sphinxext-opengraph", "sphinx-sitemap", "sphinx-notfound-page"),
    ]
    found = {"python": platform.python_version()}
    for name in names:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    found["repository"] = commit
    return found


def _parse_time_v(report: str) -> tuple[float, float]:
    values: dict[str, str] = {}
    for line in report.splitlines():
        key, _, value = line.strip().rpartition(": ")
        values[key] = value
    cpu = float(values["User time (seconds)"]) + float(values["System time (seconds)"])
    rss_mb = int(values["Maximum resident set size (kbytes)"]) / 1024
    return cpu, rss_mb


def timed(name: str, command: list[str], cwd: Path, log: Path, env: dict[str, str]) -> Build:
    """Run `command` under /usr/bin/time -v; its output goes to `log`."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        with log.open("w", encoding="utf-8") as out:
            completed = subprocess.run(
                ["/usr/bin/time", "-v", "-o", report.name, *command],
                cwd=cwd,
                env={**os.environ, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wall = time.perf_counter() - started
        cpu, rss = _parse_time_v(Path(report.name).read_text())
    text = log.read_text(encoding="utf-8", errors="replace")
    warnings = len(re.findall(r"WARNING:|ERROR:|CRITICAL:", text))
    docs_read = None
    match = re.search(r"updating environment: (?:\[[^\]]*\] )?(\d+) added, (\d+) changed", text)
    if match:
        docs_read = int(match.group(1)) + int(match.group(2))
    build = Build(
        name,
        round(wall, 2),
        round(cpu, 2),
        round(rss, 1),
        completed.returncode,
        warnings,
        docs_read,
    )
    print(
        f"  {name}: {wall:.1f} s wall, {cpu:.1f} s CPU, {rss:.0f} MB, "
        f"rc {completed.returncode}, {warnings} warnings, read {docs_read}",
        flush=True,
    )
    return build


def sphinx_command(builder: str, output: Path, *, strict: bool, jobs: int = 1) -> list[str]:
    flags = ["-W", "--keep-going"] if strict else []
    if jobs > 1:
        flags += ["-j", str(jobs)]
    return [sys.executable, "-m", "sphinx", *flags, "-b", builder, *RTD_COMMON, str(output)]


def pages_written_since(html: Path, moment: float) -> int:
    return sum(1 for page in html.rglob("*.html") if page.stat().st_mtime >= moment)


class WritersLoop:
    """The three edits of the writer's loop, applied to a generated site and undone after."""

    def __init__(self, site: Path, spec: generate.RealisticSpec) -> None:
        self.site = site
        self.spec = spec
        self.originals: dict[Path, str] = {}

    def _path(self, docname: str) -> Path:
        return self.site / f"{docname}.md"

    def _remember(self, path: Path) -> None:
        self.originals.setdefault(path, path.read_text(encoding="utf-8"))

    def edit_body(self) -> None:
        path = self._path(generate.realistic_post_docname(*EDITED_POST))
        self._remember(path)
        title, _, body = path.read_text(encoding="utf-8").partition("\n# ")
        heading, _, rest = body.partition("\n\n")
        path.write_text(f"{title}\n# {heading}\n\n{ADDED_SENTENCE}{rest}", encoding="utf-8")

    def retitle(self) -> None:
        series, part = RETITLED_POST
        path = self._path(generate.realistic_post_docname(series, part))
        self._remember(path)
        text = path.read_text(encoding="utf-8")
        old = generate.realistic_post_title(series, part)
        new = generate.realistic_post_title(series, part, revision=1)
        path.write_text(text.replace(f"# {old}\n", f"# {new}\n", 1), encoding="utf-8")

    def add_part(self) -> None:
        parts = self.spec.parts_of(GROWN_SERIES)
        new_part = parts[-1] + 1
        landing = self._path(generate.realistic_landing_docname(GROWN_SERIES))
        self._remember(landing)
        post = self._path(generate.realistic_post_docname(GROWN_SERIES, new_part))
        post.write_text(
            generate.realistic_post_text(self.spec, GROWN_SERIES, new_part), encoding="utf-8"
        )
        self.added = post
        landing.write_text(
            generate.realistic_landing_text(self.spec, GROWN_SERIES, range(1, new_part + 1)),
            encoding="utf-8",
        )

    def undo(self) -> None:
        for path, text in self.originals.items():
            path.write_text(text, encoding="utf-8")
        added = getattr(self, "added", None)
        if added is not None:
            added.unlink()
        self.originals.clear()


def run_loop(site: Path, spec: generate.RealisticSpec, out: Path, prefix: str) -> list[Build]:
    loop = WritersLoop(site, spec)
    html = out / "html"
    builds = []
    for step, edit in (
        ("body edit", loop.edit_body),
        ("retitle", loop.retitle),
        ("new part", loop.add_part),
    ):
        time.sleep(1.1)  # a later mtime than the last build's pages
        edit()
        moment = time.time()
        build = timed(
            f"{prefix} {step}",
            sphinx_command("html", html, strict=True),
            site,
            out / f"{prefix}-{step.replace(' ', '-')}.log",
            RTD_ENV,
        )
        build.pages_written = pages_written_since(html, moment)
        builds.append(build)
    loop.undo()
    return builds


def page_sizes(html: Path) -> tuple[int, int, int, int]:
    pages = list(html.rglob("*.html"))
    posts = [p.stat().st_size for p in (html / "posts").glob("*.html")]
    index = html / "index.html"
    return (
        len(pages),
        sum(p.stat().st_size for p in pages),
        int(statistics.median(posts)),
        index.stat().st_size if index.exists() else 0,
    )


def measure(posts: int, workdir: Path, skip: set[str], *, parallel: bool) -> SizeResult:
    result = SizeResult(
        posts, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), machine_line()
    )
    spec = generate.RealisticSpec(posts)
    floor_spec = generate.RealisticSpec(posts, floor=True)
    site = generate.generate_realistic_site(workdir / spec.folder_name, spec)
    floor = generate.generate_realistic_site(workdir / floor_spec.folder_name, floor_spec)
    result.bib_entries = (site / "references.bib").read_text(encoding="utf-8").count("\n@")
    out = workdir / f"out{posts}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    print(f"{posts} posts: {site}", flush=True)
    env = {**RTD_ENV, "READTHEDOCS_OUTPUT": str(out)}

    def build(name: str, builder: str, folder: str, strict: bool, jobs: int = 1) -> Build:
        return timed(
            name,
            sphinx_command(builder, out / folder, strict=strict, jobs=jobs),
            site,
            out / f"{name.replace(' ', '-')}.log",
            env,
        )

    def book(prefix: str, jobs: int = 1) -> None:
        result.builds.append(build(f"{prefix}latex", "latex", "pdf", False, jobs))
        result.builds.append(build(f"{prefix}epub", "epub", "epub", True, jobs))
        if "latexmk" not in skip:
            result.builds.append(
                timed(
                    f"{prefix}latexmk",
                    latexmk_command(RTD_SLUG),
                    out / "pdf",
                    out / f"{prefix}latexmk.log",
                    {},
                )
            )

    result.builds.append(build("html", "html", "html", True))
    sizes = page_sizes(out / "html")
    result.html_pages, result.html_bytes, result.post_page_bytes_median = sizes[:3]
    result.index_page_bytes = sizes[3]
    if "loop" not in skip:
        result.builds.extend(run_loop(site, spec, out, "site"))
    if "book" not in skip:
        book("")
    floor_out = workdir / f"floor{posts}"
    shutil.rmtree(floor_out, ignore_errors=True)
    floor_out.mkdir()
    result.builds.append(
        timed(
            "floor html",
            sphinx_command("html", floor_out / "html", strict=False),
            floor,
            floor_out / "html.log",
            RTD_ENV,
        )
    )
    result.floor_post_page_bytes_median = page_sizes(floor_out / "html")[2]
    if "loop" not in skip:
        result.builds.extend(run_loop(floor, floor_spec, floor_out, "floor"))
    if parallel:
        # What Read the Docs' build.jobs can run instead: the same three builds with -j 2.
        shutil.rmtree(site / "_build", ignore_errors=True)
        for folder in ("html", "pdf", "epub"):
            shutil.rmtree(out / folder, ignore_errors=True)
        result.builds.append(build("j2 html", "html", "html", True, 2))
        if "book" not in skip:
            book("j2 ", 2)
    return result


def load_results(path: Path) -> dict[str, Any]:
    if path.exists():
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    return {"sizes": {}}


# -- Profiles --------------------------------------------------------------------------------

#: Where a function's file lives, to add up the time spent in each package.
PACKAGES = (
    "sphinxcontrib/bibtex",
    "pybtex_docutils",
    "pybtex",
    "latexcodec",
    "sphinx_apa7",
    "sphinx_post_series",
    "myst_parser",
    "markdown_it",
    "furo",
    "jinja2",
    "docutils",
    "sphinx",
    "pickle",
    "{built-in",
)


def package_of(filename: str) -> str:
    for package in PACKAGES:
        if package in filename:
            return package
    return "other"


def summarise_profile(profile: Path, report: Path, title: str) -> None:
    stats = pstats.Stats(str(profile))
    total = max(getattr(stats, "total_tt", 0.0), 1e-9)
    by_package: dict[str, float] = {}
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        key = package_of(filename)
        by_package[key] = by_package.get(key, 0.0) + tottime
    with report.open("w", encoding="utf-8") as out:
        out.write(f"{title}\nTotal {total:.1f} s (profiled)\n\nOwn time by package:\n")
        for name, seconds in sorted(by_package.items(), key=lambda kv: -kv[1]):
            out.write(f"  {name:24s} {seconds:8.1f} s  {100 * seconds / total:5.1f}%\n")
        for order in ("cumulative", "tottime"):
            out.write(f"\n--- sorted by {order} ---\n")
            stats.stream = out  # type: ignore[attr-defined]
            stats.sort_stats(order).print_stats(45)
    print(f"  profile summary: {report}", flush=True)


def profile_build(site: Path, output: Path, profile: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(profile),
        "-m",
        "sphinx",
        "-q",
        "-b",
        "html",
        *RTD_COMMON,
        str(output),
    ]
    started = time.perf_counter()
    subprocess.run(command, cwd=site, env={**os.environ, **RTD_ENV}, check=False)
    print(f"  profiled build: {time.perf_counter() - started:.1f} s", flush=True)


def run_profiles(posts: int, workdir: Path, output_dir: Path) -> None:
    spec = generate.RealisticSpec(posts)
    site = generate.generate_realistic_site(workdir / f"prof{posts}", spec)
    html = workdir / f"prof{posts}-html"
    shutil.rmtree(html, ignore_errors=True)
    shutil.rmtree(site / "_build", ignore_errors=True)
    clean = output_dir / f"profile-clean-{posts}.prof"
    profile_build(site, html, clean)
    summarise_profile(
        clean, output_dir / f"profile-clean-{posts}.txt", f"Clean HTML build, {posts} posts"
    )
    WritersLoop(site, spec).edit_body()
    edit = output_dir / f"profile-body-edit-{posts}.prof"
    profile_build(site, html, edit)
    summarise_profile(
        edit,
        output_dir / f"profile-body-edit-{posts}.txt",
        f"Body edit, incremental HTML build, {posts} posts",
    )


# -- Report ----------------------------------------------------------------------------------


def _find(result: dict[str, Any], name: str) -> dict[str, Any] | None:
    for build in result["builds"]:
        if build["name"] == name:
            found: dict[str, Any] = build
            return found
    return None


def write_plot(data: dict[str, Any], path: Path) -> None:
    try:
        import matplotlib
    except ImportError:
        print(f"matplotlib is not installed: {path} not drawn (see --report)", flush=True)
        return

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(int(n) for n in data["sizes"])
    fig, (per_post, loop) = plt.subplots(1, 2, figsize=(10, 4))
    for name, label in (("html", "blog (real conf.py)"), ("floor html", "Sphinx + MyST + furo")):
        points = [(n, _find(data["sizes"][str(n)], name)) for n in sizes]
        xs = [n for n, b in points if b]
        per_post.plot(xs, [b["cpu_s"] / n for n, b in points if b], marker="o", label=label)
    per_post.set_xscale("log")
    per_post.set_xlabel("posts")
    per_post.set_ylabel("clean HTML build, CPU s per post")
    per_post.set_ylim(bottom=0)
    per_post.legend()
    for name, label in (
        ("site body edit", "blog: body edit"),
        ("site retitle", "blog: retitle"),
        ("site new part", "blog: new part"),
        ("floor body edit", "floor: body edit"),
    ):
        points = [(n, _find(data["sizes"][str(n)], name)) for n in sizes]
        loop.plot(
            [n for n, b in points if b],
            [b["cpu_s"] for n, b in points if b],
            marker="o",
            label=label,
        )
    loop.set_xscale("log")
    loop.set_xlabel("posts")
    loop.set_ylabel("incremental HTML build, CPU s")
    loop.set_ylim(bottom=0)
    loop.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


RTD_STEPS = ("html", "latex", "epub", "latexmk")
RTD_PARALLEL_STEPS = tuple(f"j2 {step}" for step in RTD_STEPS)


def _build_cell(build: dict[str, Any] | None) -> str:
    if build is None:
        return "not run"
    cell = f"{build['cpu_s']:.1f} s CPU ({build['wall_s']:.1f} s wall, {build['max_rss_mb']:.0f} MB"
    if build.get("pages_written") is not None:
        cell += f"; read {build['docs_read']}, wrote {build['pages_written']}"
    if build["warnings"] or build["returncode"]:
        cell += f"; **{build['warnings']} warnings, rc {build['returncode']}**"
    return cell + ")"


def _per_post(result: dict[str, Any], name: str) -> str:
    build = _find(result, name)
    if build is None:
        return "not run"
    posts = result["posts"]
    return f"{build['cpu_s'] / posts:.3f} s CPU ({build['wall_s'] / posts:.3f} s wall)"


def _rtd_total(result: dict[str, Any], steps: tuple[str, ...] = RTD_STEPS) -> str:
    builds = [b for b in (_find(result, step) for step in steps) if b is not None]
    if not builds:
        return "not run"
    cpu = sum(b["cpu_s"] for b in builds)
    wall = sum(b["wall_s"] for b in builds)
    return f"{wall:.0f} s wall ({cpu:.0f} s CPU), {len(builds)} steps"


def _page_sizes(result: dict[str, Any]) -> str:
    blog = result["post_page_bytes_median"] / 1e3
    floor = result["floor_post_page_bytes_median"] / 1e3
    return f"{blog:.0f} KB / {floor:.0f} KB"


def report_tables(data: dict[str, Any]) -> str:
    """Markdown tables of every build and of the sites, one column per size."""
    sizes = sorted(int(n) for n in data["sizes"])
    header = " | ".join(f"{n} posts" for n in sizes)
    lines = [f"| build | {header} |", "|---|" + "---|" * len(sizes)]
    names = [
        *("html", "site body edit", "site retitle", "site new part", "latex", "epub", "latexmk"),
        *("floor html", "floor body edit", "floor retitle", "floor new part"),
        *RTD_PARALLEL_STEPS,
    ]
    for name in names:
        cells = [_build_cell(_find(data["sizes"][str(n)], name)) for n in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"| site | {header} |", "|---|" + "---|" * len(sizes)]
    rows: dict[str, Callable[[dict[str, Any]], str]] = {
        "references in references.bib": lambda r: f"{r['bib_entries']}",
        "clean HTML per post (blog)": lambda r: _per_post(r, "html"),
        "clean HTML per post (floor)": lambda r: _per_post(r, "floor html"),
        "Read the Docs replay (html + latex + epub + latexmk)": _rtd_total,
        "... with -j 2": lambda r: _rtd_total(r, RTD_PARALLEL_STEPS),
        "HTML pages / total size": lambda r: f"{r['html_pages']} / {r['html_bytes'] / 1e6:.1f} MB",
        "post page, median (blog / floor)": _page_sizes,
        "home page": lambda r: f"{r['index_page_bytes'] / 1e3:.0f} KB",
        "measured from (UTC)": lambda r: r["started"],
        "machine": lambda r: r["machine"],
    }
    for label, cell in rows.items():
        cells = [cell(data["sizes"][str(n)]) for n in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300", help="post counts, comma-separated")
    parser.add_argument("--workdir", type=Path, help="keep the sites and builds here")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["loop", "book", "latexmk"],
        help="leave a part out",
    )
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="also run the Read the Docs builds with -j 2, as build.jobs could",
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="profile a clean build and a body edit at N posts instead",
    )
    parser.add_argument("--output-dir", type=Path, default=HERE)
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS_JSON,
        help="the JSON file the sizes are added to (two runs at once need one each)",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="print the tables and redraw the plot from site-results.json",
    )
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-site-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        run_profiles(args.profile, workdir, args.output_dir)
        return 0
    data = load_results(args.results)
    if not args.report:
        data["versions"] = versions()
        for posts in (int(n) for n in args.sizes.split(",")):
            result = measure(posts, workdir, set(args.skip), parallel=args.parallel)
            data["sizes"][str(posts)] = asdict(result)
            args.results.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    write_plot(data, args.output_dir / "site-time-per-post.png")
    print(report_tables(data))
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
