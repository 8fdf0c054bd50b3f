"""Measure what the series extension costs and how rebuilds scale; write RESULTS.md and a plot.

Every Sphinx build runs in a fresh subprocess (``python -m sphinx -b html -q``). Variants that are
compared (with/without the extension and its output dropped, ``-j 1``/``-j 2``) take turns in
an order that changes run by run, so drift in the machine's load spreads over all of them. Each
figure is the median of ``--runs`` runs, with min and max.

Run ``python benchmarks/run.py --help``; ``--quick`` is a smoke test (100 posts, 1 run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from generate import (
    BIBTEX_STYLES,
    SHAPES,
    SiteSpec,
    generate_site,
    landing_docname,
    post_docname,
    post_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent

#: Targets from the issue; each is reported as pass or fail.
MAX_OVERHEAD = 0.03
MAX_TIME_PER_POST_GROWTH = 1.2
MAX_PICKLE_BYTES_PER_POST = 1024
#: Fewer runs bracket the median with less than 90% confidence: no verdict on a timing.
MIN_RUNS_FOR_VERDICT = 5

#: The incremental scenarios edit series 1, which needs 100 parts: the 10x100 shape.
INCREMENTAL_SHAPE = "10x100"
SERIES = 1
EDITED_PART = 50
RETITLED_PART = 30


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- Builds ------------------------------------------------------------------------------------


@dataclass
class Build:
    """One sphinx-build subprocess: wall and CPU time, warnings, docs read and pages written."""

    seconds: float
    cpu_seconds: float
    warnings: list[str]
    read: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def sphinx_build(
    site: Path,
    out: Path,
    doctrees: Path,
    *,
    with_series: bool,
    drop_output: bool = False,
    jobs: int = 1,
    record: Path | None = None,
) -> Build:
    """Build `site` to `out` (HTML) in a fresh interpreter; raise if Sphinx fails.

    With `drop_output`, the series extension's output is removed before writing
    (drop_series_output.py): its own work is timed without the cost of writing its output.
    """
    env = {
        **os.environ,
        "BENCH_WITH_SERIES": "1" if with_series else "0",
        "BENCH_DROP_SERIES_OUTPUT": "1" if drop_output else "0",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(BENCHMARKS), os.environ.get("PYTHONPATH")])
        ),
    }
    env.pop("BENCH_RECORD_PAGES", None)
    if record is not None:
        record.write_text("", encoding="utf-8")
        env["BENCH_RECORD_PAGES"] = str(record)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs)]
    command += ["-d", str(doctrees), str(site), str(out)]
    cpu_before = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    cpu_seconds = _children_cpu() - cpu_before
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-4000:]}")
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    build = Build(seconds, cpu_seconds, warnings)
    if record is not None:
        for line in record.read_text(encoding="utf-8").splitlines():
            kind, name = line.split("\t", 1)
            (build.read if kind == "read" else build.written).add(name)
    return build


def fresh(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def html_mtimes(out: Path) -> dict[str, int]:
    return {
        path.relative_to(out).with_suffix("").as_posix(): path.stat().st_mtime_ns
        for path in out.rglob("*.html")
        if not path.relative_to(out).parts[0].startswith("_")
    }


@dataclass
class Spread:
    """Median, min and max of a list of timings."""

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def __str__(self) -> str:
        if len(self.values) == 1:
            return f"{self.values[0]:.2f}"
        return f"{self.median:.2f} [{min(self.values):.2f}-{max(self.values):.2f}]"


def sign_test_confidence(runs: int) -> float:
    """The chance that the min and max of *runs* values bracket their true median."""
    return 1 - 2 * 0.5**runs


@dataclass
class PerRun:
    """A relative difference measured once per run, between variants timed in that run.

    Machine drift moves all the variants of a run together, so a per-run ratio is steadier
    than a ratio of medians taken over the whole session. The median of the per-run values
    lies between their min and max with probability ``1 - 2 * 0.5**n`` (the sign test:
    94% for 5 runs), whatever the shape of the noise.
    """

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def confidence(self) -> float:
        """How sure one is that [min, max] holds the median of the difference."""
        return sign_test_confidence(len(self.values))

    def verdict(self, limit: float) -> str:
        """Pass or fail only when the whole [min, max] interval is on one side of *limit*."""
        if len(self.values) < MIN_RUNS_FOR_VERDICT:
            return f"not resolved ({len(self.values)} runs)"
        if max(self.values) <= limit:
            return "pass"
        if min(self.values) > limit:
            return "**FAIL**"
        return "not resolved (noise)"

    def __str__(self) -> str:
        if len(self.values) == 1:
            return f"{self.values[0]:+.1%}"
        return f"{self.median:+.1%} [{min(self.values):+.1%} to {max(self.values):+.1%}]"


def alternate(run: int, pair: tuple[bool, bool]) -> tuple[bool, bool]:
    """The pair in order on even runs and reversed on odd runs."""
    return pair if run % 2 == 0 else (pair[1], pair[0])


# -- 1, 4, 5: clean builds, pickled environment, time per post ---------------------------------


@dataclass
class CleanResult:
    posts: int
    shape: str
    seconds: dict[bool, list[float]] = field(default_factory=lambda: {True: [], False: []})
    cpu: dict[bool, list[float]] = field(default_factory=lambda: {True: [], False: []})
    pickle_bytes: dict[bool, set[int]] = field(default_factory=lambda: {True: set(), False: set()})
    warnings: dict[bool, set[str]] = field(default_factory=lambda: {True: set(), False: set()})
    # The third variant: with the extension, its output dropped before writing.
    seconds_dropped: list[float] = field(default_factory=list)
    cpu_dropped: list[float] = field(default_factory=list)

    def per_run(self, measure: dict[bool, list[float]]) -> PerRun:
        """The overhead in each run: with / without the extension, minus 1."""
        return PerRun([w / wo - 1 for w, wo in zip(measure[True], measure[False], strict=True)])

    def per_run_split(
        self, measure: dict[bool, list[float]], dropped: list[float]
    ) -> tuple[PerRun, PerRun]:
        """The overhead's two shares in each run, as fractions of the build without the extension.

        The extension's own work (output dropped vs without) and writing its output (with vs
        output dropped); in each run they add up to the overhead.
        """
        runs = list(zip(measure[True], measure[False], dropped, strict=True))
        return (
            PerRun([(d - wo) / wo for _w, wo, d in runs]),
            PerRun([(w - d) / wo for w, wo, d in runs]),
        )

    def raw(self) -> dict[str, object]:
        """The per-run figures, in run order, for results.json."""
        return {
            "posts": self.posts,
            "shape": self.shape,
            "wall_seconds": {
                "with": self.seconds[True],
                "without": self.seconds[False],
                "output_dropped": self.seconds_dropped,
            },
            "cpu_seconds": {
                "with": self.cpu[True],
                "without": self.cpu[False],
                "output_dropped": self.cpu_dropped,
            },
            "pickle_bytes": {
                "with": sorted(self.pickle_bytes[True]),
                "without": sorted(self.pickle_bytes[False]),
            },
        }

    def pickle_per_post(self) -> float:
        return (max(self.pickle_bytes[True]) - max(self.pickle_bytes[False])) / self.posts


def measure_clean(work: Path, posts: int, shape: str, runs: int, styles: str) -> CleanResult:
    result = CleanResult(posts, shape)
    sites = {
        with_series: generate_site(
            work / "sites" / SiteSpec(posts, shape, with_series, styles).folder_name,
            SiteSpec(posts, shape, with_series, styles),
        )
        for with_series in (True, False)
    }
    # (with the extension, its output dropped) in the six orders of a balanced (Williams)
    # design: over six runs each variant comes first, and after each other one, equally often.
    with_, without, dropped = (True, False), (False, False), (True, True)
    orders = [
        (with_, without, dropped),
        (without, dropped, with_),
        (dropped, with_, without),
        (dropped, without, with_),
        (with_, dropped, without),
        (without, with_, dropped),
    ]
    for run in range(runs):
        for with_series, drop_output in orders[run % len(orders)]:
            out, doctrees = work / "clean" / "html", work / "clean" / "doctrees"
            fresh(out, doctrees)
            build = sphinx_build(
                sites[with_series], out, doctrees, with_series=with_series, drop_output=drop_output
            )
            if drop_output:
                result.seconds_dropped.append(build.seconds)
                result.cpu_dropped.append(build.cpu_seconds)
                label = "output dropped"
            else:
                result.seconds[with_series].append(build.seconds)
                result.cpu[with_series].append(build.cpu_seconds)
                pickle = doctrees / "environment.pickle"
                result.pickle_bytes[with_series].add(pickle.stat().st_size)
                label = "with" if with_series else "without"
            result.warnings[with_series].update(build.warnings)
            log(f"clean {posts} {shape} {label}: {build.seconds:.1f}s (run {run + 1}/{runs})")
    fresh(work / "clean")
    return result


# -- 2: incremental rebuilds ----------------------------------------------------------------


@dataclass
class Scenario:
    """An edit to the site and the pages the extension must (re)write because of it."""

    name: str
    apply: Callable[[Path, int], None]
    expected: Callable[[Path], set[str]]


@dataclass
class ScenarioResult:
    name: str
    seconds: dict[bool, list[float]] = field(default_factory=lambda: {True: [], False: []})
    read: dict[bool, list[set[str]]] = field(default_factory=lambda: {True: [], False: []})
    written: dict[bool, list[set[str]]] = field(default_factory=lambda: {True: [], False: []})
    expected: list[set[str]] = field(default_factory=list)
    on_disk: list[set[str]] = field(default_factory=list)

    @property
    def expected_with(self) -> list[set[str]]:
        """Per run, what the extension should write: the scenario's pages plus Sphinx's own."""
        return [mine | own for mine, own in zip(self.expected, self.written[False], strict=True)]

    @property
    def extra(self) -> set[str]:
        """Pages written beyond the expected ones, in any run."""
        return set().union(
            *(w - e for w, e in zip(self.written[True], self.expected_with, strict=True))
        )

    @property
    def missing(self) -> set[str]:
        """Expected pages not written, in any run."""
        return set().union(
            *(e - w for w, e in zip(self.written[True], self.expected_with, strict=True))
        )

    def counts(self, pages: list[set[str]]) -> str:
        sizes = sorted({len(p) for p in pages})
        return str(sizes[0]) if len(sizes) == 1 else f"{sizes[0]}-{sizes[-1]}"

    @property
    def is_stable(self) -> bool:
        return all(w == self.written[True][0] for w in self.written[True]) and all(
            w == self.written[False][0] for w in self.written[False]
        )


def _write_post(site: Path, part: int, **revisions: int) -> None:
    path = site / f"{post_docname(SERIES, part)}.md"
    path.write_text(post_text(SERIES, part, **revisions), encoding="utf-8")


def _members(parts: int) -> set[str]:
    return {post_docname(SERIES, part) for part in range(1, parts + 1)} | {landing_docname(SERIES)}


def scenarios() -> list[Scenario]:
    return [
        Scenario("no-op", lambda site, run: None, lambda site: set()),
        Scenario(
            "one post's body edited",
            lambda site, run: _write_post(site, EDITED_PART, body_revision=run + 1),
            lambda site: {post_docname(SERIES, EDITED_PART)},
        ),
        Scenario(
            "part 101 added to a 100-part series",
            lambda site, run: _write_post(site, 101),
            lambda site: _members(101),
        ),
        Scenario(
            "a part retitled",
            lambda site, run: _write_post(site, RETITLED_PART, title_revision=run + 1),
            # The series' members (101 once part 101 was added) and landing page, as the
            # extension promises for a retitle, whether or not a member's list shows that part.
            lambda site: _members(len(list(site.glob(f"{post_docname(SERIES, 0)[:-3]}*.md")))),
        ),
    ]


def _reset(site: Path) -> None:
    _write_post(site, EDITED_PART)
    _write_post(site, RETITLED_PART)
    (site / f"{post_docname(SERIES, 101)}.md").unlink(missing_ok=True)


def measure_incremental(work: Path, posts: int, runs: int, styles: str) -> list[ScenarioResult]:
    sites, outs, doctrees = {}, {}, {}
    for with_series in (True, False):
        spec = SiteSpec(posts, INCREMENTAL_SHAPE, with_series, styles)
        base = work / "incremental" / spec.variant
        sites[with_series] = generate_site(base / "site", spec)
        outs[with_series], doctrees[with_series] = base / "html", base / "doctrees"
        fresh(outs[with_series], doctrees[with_series])
    # Every build of these sites records pages: loading the recorder changes `extensions`, and
    # a config change would make Sphinx rewrite everything.
    record = work / "incremental" / "pages.log"
    for with_series in (True, False):
        sphinx_build(
            sites[with_series],
            outs[with_series],
            doctrees[with_series],
            with_series=with_series,
            record=record,
        )
    plan = scenarios()
    results = [ScenarioResult(scenario.name) for scenario in plan]
    for run in range(runs):
        for scenario, result in zip(plan, results, strict=True):
            result.expected.append(scenario.expected(sites[True]))
            for with_series in alternate(run, (True, False)):
                scenario.apply(sites[with_series], run)
                before = html_mtimes(outs[with_series])
                build = sphinx_build(
                    sites[with_series],
                    outs[with_series],
                    doctrees[with_series],
                    with_series=with_series,
                    record=record,
                )
                if with_series:
                    after = html_mtimes(outs[True])
                    result.on_disk.append({p for p, t in after.items() if before.get(p) != t})
                result.seconds[with_series].append(build.seconds)
                result.read[with_series].append(build.read)
                result.written[with_series].append(build.written)
            log(
                f"incremental {posts} {scenario.name}: with {result.seconds[True][-1]:.1f}s "
                f"({len(result.written[True][-1])} pages), without "
                f"{result.seconds[False][-1]:.1f}s ({len(result.written[False][-1])} pages)"
            )
        for with_series in (True, False):
            _reset(sites[with_series])
            sphinx_build(
                sites[with_series],
                outs[with_series],
                doctrees[with_series],
                with_series=with_series,
                record=record,
            )
    fresh(work / "incremental")
    return results


# -- 3: parallel builds ---------------------------------------------------------------------


@dataclass
class ParallelResult:
    posts: int
    seconds: dict[int, list[float]] = field(default_factory=lambda: {1: [], 2: []})
    cpu: dict[int, list[float]] = field(default_factory=lambda: {1: [], 2: []})
    pages: int = 0
    differing: list[str] = field(default_factory=list)
    warnings: set[str] = field(default_factory=set)


def _html_files(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*.html")}


def measure_parallel(work: Path, posts: int, runs: int, styles: str) -> ParallelResult:
    spec = SiteSpec(posts, INCREMENTAL_SHAPE, True, styles)
    site = generate_site(work / "sites" / spec.folder_name, spec)
    result = ParallelResult(posts)
    for run in range(runs):
        for jobs in (1, 2) if run % 2 == 0 else (2, 1):
            out, doctrees = work / "parallel" / f"j{jobs}", work / "parallel" / f"doctrees-j{jobs}"
            fresh(out, doctrees)
            build = sphinx_build(site, out, doctrees, with_series=True, jobs=jobs)
            result.seconds[jobs].append(build.seconds)
            result.cpu[jobs].append(build.cpu_seconds)
            result.warnings.update(build.warnings)
            log(f"parallel {posts} -j {jobs}: {build.seconds:.1f}s (run {run + 1}/{runs})")
        if run == 0:
            serial = _html_files(work / "parallel" / "j1")
            parallel = _html_files(work / "parallel" / "j2")
            result.pages = len(serial)
            result.differing = sorted(
                name
                for name in serial.keys() | parallel.keys()
                if serial.get(name) != parallel.get(name)
            )
    fresh(work / "parallel")
    return result


# -- Report --------------------------------------------------------------------------------------


def _versions() -> list[tuple[str, str]]:
    rows = [("Python", platform.python_version())]
    for dist in (
        "sphinx",
        "docutils",
        "myst-parser",
        "sphinxcontrib-bibtex",
        "pybtex",
        "furo",
        "sphinx-post-series",
    ):
        try:
            rows.append((dist, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            rows.append((dist, "not installed"))
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    rows.append(("repository", commit or "unknown"))
    return rows


def source_fingerprint() -> str:
    """A hash of the extension's source files, to notice edits made while the benchmark runs."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "src").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(REPO).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _verdict(is_pass: bool) -> str:
    return "pass" if is_pass else "**FAIL**"


def _names(pages: Iterable[str], limit: int = 8) -> str:
    pages = sorted(pages)
    if not pages:
        return "none"
    shown = ", ".join(f"`{page}`" for page in pages[:limit])
    return shown if len(pages) <= limit else f"{shown} … ({len(pages)} in all)"


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


@dataclass
class Results:
    args: argparse.Namespace
    started: dt.datetime
    minutes: float = 0.0
    clean: list[CleanResult] = field(default_factory=list)
    incremental: dict[int, list[ScenarioResult]] = field(default_factory=dict)
    parallel: ParallelResult | None = None
    source_changed: bool = False


def _targets(results: Results) -> list[str]:
    rows: list[tuple[str, str, str]] = []
    largest = max((c.posts for c in results.clean), default=0)
    for clean in results.clean:
        if clean.posts == largest:
            overhead, cpu_overhead = clean.per_run(clean.seconds), clean.per_run(clean.cpu)
            rows.append(
                (
                    f"extension overhead, clean build, {clean.posts} posts, {clean.shape}",
                    f"{overhead} per run (CPU time {cpu_overhead})",
                    overhead.verdict(MAX_OVERHEAD),
                )
            )
            own, writing = clean.per_run_split(clean.seconds, clean.seconds_dropped)
            rows.append(
                (
                    f"of which the extension's own work, {clean.posts} posts, {clean.shape}",
                    f"{own} per run; writing its output {writing}",
                    own.verdict(MAX_OVERHEAD),
                )
            )
    rows.extend(
        (
            f"pages written, {result.name}, {posts} posts",
            f"{result.counts(result.written[True])} "
            f"(expected {result.counts(result.expected_with)})",
            _verdict(not result.extra and not result.missing),
        )
        for posts, scenario_results in results.incremental.items()
        for result in scenario_results
    )
    for shape, _only_at in results.args.shapes:
        by_size = {c.posts: c for c in results.clean if c.shape == shape}
        if len(by_size) > 1:
            small, large = by_size[min(by_size)], by_size[max(by_size)]
            growth, growth_without = (
                statistics.median(large.seconds[v])
                / large.posts
                / (statistics.median(small.seconds[v]) / small.posts)
                for v in (True, False)
            )
            rows.append(
                (
                    f"time per post, {large.posts} vs {small.posts} posts, {shape}",
                    f"{growth:.2f}x (without the extension {growth_without:.2f}x)",
                    _verdict(growth <= MAX_TIME_PER_POST_GROWTH),
                )
            )
    for clean in results.clean:
        if clean.posts == largest:
            bytes_per_post = clean.pickle_per_post()
            rows.append(
                (
                    f"pickled environment growth, {clean.posts} posts, {clean.shape}",
                    f"{bytes_per_post:+.0f} B/post",
                    _verdict(bytes_per_post <= MAX_PICKLE_BYTES_PER_POST),
                )
            )
    if results.parallel is not None:
        rows.append(
            (
                f"`-j 2` HTML identical to `-j 1`, {results.parallel.posts} posts",
                f"{len(results.parallel.differing)} of {results.parallel.pages} pages differ",
                _verdict(not results.parallel.differing),
            )
        )
    return _table(("Target", "Measured", "Verdict"), rows)


def render(results: Results) -> str:
    args = results.args
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py {' '.join(args.argv)}`".rstrip() + ".",
        f"Runs per figure: {args.runs} (median [min-max] of wall seconds unless noted).",
        f"Whole run took {results.minutes:.0f} minutes.",
        "",
        *(
            [
                "**The extension's source (src/) changed while the benchmark ran: these figures",
                "mix two versions of it. Run again on a fixed checkout.**",
                "",
            ]
            if results.source_changed
            else []
        ),
        "## Machine",
        "",
        *_table(
            ("", ""),
            [
                ("CPU", _cpu_model()),
                ("cores", f"{os.cpu_count()} (usable: {len(os.sched_getaffinity(0))})"),
                ("date", results.started.strftime("%Y-%m-%d %H:%M UTC")),
                ("load average at start", args.load_at_start),
                ("HTML theme", args.theme),
                ("bibtex styles", "/".join(BIBTEX_STYLES[args.bibtex_styles])),
                *_versions(),
            ],
        ),
        "## Targets",
        "",
        "Overheads are per run: the median of the runs' own ratios, with [min to max]. With",
        f"{args.runs} runs that interval holds the true median with "
        f"{sign_test_confidence(args.runs):.0%} confidence (sign test);",
        f"a verdict needs {MIN_RUNS_FOR_VERDICT} runs or more, and all of the interval on one "
        "side of the target.",
        "Pages written are expected to be the scenario's pages plus the pages Sphinx writes for",
        "the same edit without the extension (section 2 names them).",
        "",
        *_targets(results),
    ]
    if results.clean:
        lines += [
            "## 1. Clean HTML build, with and without the extension",
            "",
            "Fresh output and doctree folders each run; the variants take turns, in the six",
            "orders of a balanced design, one per run. CPU time is user + system of the build",
            "process and its workers: steadier than wall time when the machine is shared.",
            "",
            "*Output dropped* is the site with the extension, whose output",
            "`drop_series_output.py` removes just before the pages are written: the extension",
            "does all its work, and Sphinx writes the page bodies of the site without it (the",
            "head keeps the stylesheet and the series' `<link rel>`). It splits the overhead in",
            "two, each as a share of the build without the extension: the",
            "extension's *own work* (output dropped vs without) and *writing its output*, the",
            "navigation it adds to every page (with vs output dropped).",
            "",
            *_table(
                (
                    "posts",
                    "shape",
                    "with (s)",
                    "without (s)",
                    "output dropped (s)",
                    "overhead per run (wall)",
                    "overhead per run (CPU)",
                    "own work / writing its output (CPU, median per run)",
                    "ms/post with",
                    "ms/post without",
                ),
                [
                    (
                        c.posts,
                        c.shape,
                        Spread(c.seconds[True]),
                        Spread(c.seconds[False]),
                        Spread(c.seconds_dropped),
                        c.per_run(c.seconds),
                        c.per_run(c.cpu),
                        "{:+.1%} / {:+.1%}".format(
                            *(share.median for share in c.per_run_split(c.cpu, c.cpu_dropped))
                        ),
                        f"{statistics.median(c.seconds[True]) / c.posts * 1000:.0f}",
                        f"{statistics.median(c.seconds[False]) / c.posts * 1000:.0f}",
                    )
                    for c in results.clean
                ],
            ),
        ]
    for posts, scenario_results in results.incremental.items():
        lines += [
            f"## 2. Incremental rebuilds, {posts} posts ({INCREMENTAL_SHAPE}), "
            f"edits in series {SERIES}",
            "",
            "Pages written are recorded exactly by `benchmarks/record_pages.py` (event",
            "`html-page-context`). *Sphinx's own* are the pages the same edit writes on the",
            "site without the extension; the extension should write exactly the scenario's",
            "pages plus those.",
            "",
            *_table(
                (
                    "scenario",
                    "with (s)",
                    "without (s)",
                    "docs read with/without",
                    "pages written with",
                    "scenario's pages",
                    "Sphinx's own (without)",
                    "extra",
                    "missing",
                    "verdict",
                ),
                [
                    (
                        r.name,
                        Spread(r.seconds[True]),
                        Spread(r.seconds[False]),
                        f"{len(r.read[True][0])}/{len(r.read[False][0])}",
                        r.counts(r.written[True]),
                        r.counts(r.expected),
                        _names(r.written[False][0]),
                        _names(r.extra),
                        _names(r.missing),
                        _verdict(not r.extra and not r.missing),
                    )
                    for r in scenario_results
                ],
            ),
        ]
        notes = []
        for r in scenario_results:
            if not r.is_stable:
                notes.append(
                    f"- {r.name}: the pages written differed between runs: with the extension "
                    + "; ".join(_names(w, 4) for w in r.written[True])
                    + "; without: "
                    + "; ".join(_names(w, 4) for w in r.written[False])
                    + "."
                )
            for run, (on_disk, written) in enumerate(
                zip(r.on_disk, r.written[True], strict=True), start=1
            ):
                if on_disk != written:
                    notes.append(
                        f"- {r.name}, run {run}: HTML files whose mtime changed differ from "
                        f"the recorded pages: on disk only {_names(on_disk - written)}, "
                        f"recorded only {_names(written - on_disk)}."
                    )
            extra_reads = r.read[True][0] - r.read[False][0]
            if extra_reads:
                notes.append(
                    f"- {r.name}: docs re-read only with the extension: {_names(extra_reads)}."
                )
        if notes:
            lines += [*notes, ""]
    if results.parallel is not None:
        p = results.parallel
        lines += [
            f"## 3. `-j 2` against `-j 1`, {p.posts} posts "
            f"({INCREMENTAL_SHAPE}, with the extension)",
            "",
            *_table(
                ("", "-j 1", "-j 2"),
                [
                    ("wall (s)", Spread(p.seconds[1]), Spread(p.seconds[2])),
                    ("CPU (s)", Spread(p.cpu[1]), Spread(p.cpu[2])),
                ],
            ),
            f"Speed-up: {statistics.median(p.seconds[1]) / statistics.median(p.seconds[2]):.2f}x.",
            f"HTML pages compared byte for byte: {p.pages}; differing: {_names(p.differing, 20)}.",
            "",
        ]
        if any("parallel" in w for w in p.warnings):
            lines += ["Sphinx warned: " + "; ".join(w for w in p.warnings if "parallel" in w), ""]
    if results.clean:
        lines += [
            "## 4. Pickled build environment (`doctrees/environment.pickle`)",
            "",
            *_table(
                ("posts", "shape", "with (bytes)", "without (bytes)", "difference per post"),
                [
                    (
                        c.posts,
                        c.shape,
                        _bytes(c.pickle_bytes[True]),
                        _bytes(c.pickle_bytes[False]),
                        f"{c.pickle_per_post():+.0f} B",
                    )
                    for c in results.clean
                ],
            ),
            "## 5. Time per post (clean build)",
            "",
            "See `time-per-post.png`. Growth is relative to the smallest size measured; the",
            "without-extension column shows how much of it is Sphinx, furo and bibtex alone.",
            "",
            *_table(
                ("posts", "shape", "ms/post with", "growth", "ms/post without", "growth"),
                _per_post_rows(results.clean),
            ),
        ]
    warnings = {w for c in results.clean for v in (True, False) for w in c.warnings[v]}
    if results.parallel is not None:
        warnings |= results.parallel.warnings
    lines += ["## Warnings during the builds", ""]
    lines += [f"- `{w}`" for w in sorted(warnings)[:20]] or ["None."]
    return "\n".join([*lines, ""])


def _bytes(sizes: set[int]) -> str:
    return f"{max(sizes):,}" if len(sizes) == 1 else f"{min(sizes):,}-{max(sizes):,}"


def _per_post_rows(clean: list[CleanResult]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for shape in dict.fromkeys(c.shape for c in clean):
        series = sorted((c for c in clean if c.shape == shape), key=lambda c: c.posts)
        base = {v: statistics.median(series[0].seconds[v]) / series[0].posts for v in (True, False)}
        for c in series:
            per_post = {v: statistics.median(c.seconds[v]) / c.posts for v in (True, False)}
            rows.append(
                (
                    c.posts,
                    shape,
                    f"{per_post[True] * 1000:.0f}",
                    f"{per_post[True] / base[True]:.2f}x",
                    f"{per_post[False] * 1000:.0f}",
                    f"{per_post[False] / base[False]:.2f}x",
                )
            )
    return rows


def plot(clean: list[CleanResult], path: Path) -> bool:
    """Draw time per post against posts; False when matplotlib is not installed."""
    try:
        import matplotlib as mpl  # optional: a benchmark-only dependency

        mpl.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for shape in dict.fromkeys(c.shape for c in clean):
        series = sorted((c for c in clean if c.shape == shape), key=lambda c: c.posts)
        for with_series, style in ((True, "-o"), (False, "--s")):
            axes.plot(
                [c.posts for c in series],
                [statistics.median(c.seconds[with_series]) / c.posts * 1000 for c in series],
                style,
                label=f"{shape}, {'with' if with_series else 'without'} extension",
            )
    axes.set_xscale("log")
    sizes = sorted({c.posts for c in clean})
    axes.set_xticks(sizes, labels=[str(size) for size in sizes])
    axes.minorticks_off()
    axes.set_xlabel("posts")
    axes.set_ylabel("clean build, ms per post (median)")
    axes.set_title("Time per post")
    axes.set_ylim(bottom=0)
    axes.grid(visible=True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return True


# -- Command line --------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    return [int(size) for size in text.split(",")]


def _shapes(text: str) -> list[tuple[str, set[int] | None]]:
    """Parse "10x100,100x10@100+300": each shape, at every size or only at the sizes named."""
    shapes: list[tuple[str, set[int] | None]] = []
    for item in text.split(","):
        shape, _at, sizes = item.partition("@")
        if shape not in SHAPES:
            raise argparse.ArgumentTypeError(f"unknown shape: {shape}")
        try:
            shapes.append((shape, {int(size) for size in sizes.split("+")} if sizes else None))
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad sizes in {item!r}") from None
    return shapes


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--sizes", type=_sizes, default=[100, 300, 1000], help="post counts")
    parser.add_argument(
        "--shapes",
        type=_shapes,
        default=",".join(SHAPES),  # a string default goes through `type`
        help="series shapes for the clean builds: 10x100 = series of 100 parts, "
        "100x10 = series of 10 parts; SHAPE@100+300 runs a shape at those sizes only",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median, min, max)")
    parser.add_argument(
        "--parallel-size", type=int, help="posts for -j 2 vs -j 1 (default: the largest size)"
    )
    parser.add_argument(
        "--incremental-size",
        type=int,
        help="posts for the incremental rebuilds (default: every size)",
    )
    parser.add_argument(
        "--skip",
        choices=["clean", "incremental", "parallel"],
        action="append",
        default=[],
        help="leave out a part of the benchmark (repeatable)",
    )
    parser.add_argument(
        "--bibtex-styles",
        choices=sorted(BIBTEX_STYLES),
        default="apa7",
        help="apa7 (our package's plugins) or builtin (alpha/author_year, for dry runs)",
    )
    parser.add_argument(
        "--theme",
        default="furo",
        help="HTML theme of the generated sites (another one, e.g. basic, shows furo's share)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: 100 posts, 1 run, shape 10x100"
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        help="where RESULTS.md and time-per-post.png go (default: benchmarks/; "
        "with --quick: the work folder)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where sites and builds go (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.shapes = [100], 1, [("10x100", None)]
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.incremental_size is not None and args.incremental_size not in args.sizes:
        parser.error("--incremental-size must be one of --sizes")
    for shape, only_at in args.shapes:
        if only_at is not None and not only_at <= set(args.sizes):
            parser.error(f"--shapes {shape}@...: every size must be one of --sizes")
    args.argv = argv
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    args.load_at_start = " ".join(f"{load:.2f}" for load in os.getloadavg())
    # The generated conf.py reads the theme; every build inherits the environment.
    os.environ["BENCH_HTML_THEME"] = args.theme
    work = args.workdir or Path(tempfile.mkdtemp(prefix="series-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    output_dir = args.output_dir or (work if args.quick else BENCHMARKS)
    output_dir.mkdir(parents=True, exist_ok=True)
    log(f"work folder: {work}")
    results = Results(args, dt.datetime.now(dt.UTC))
    fingerprint = source_fingerprint()
    start = time.perf_counter()
    for posts in sorted(args.sizes):
        if "clean" not in args.skip:
            for shape, only_at in args.shapes:
                if only_at is not None and posts not in only_at:
                    continue
                results.clean.append(
                    measure_clean(work, posts, shape, args.runs, args.bibtex_styles)
                )
        if "incremental" not in args.skip and args.incremental_size in (None, posts):
            results.incremental[posts] = measure_incremental(
                work, posts, args.runs, args.bibtex_styles
            )
    if "parallel" not in args.skip:
        posts = args.parallel_size or max(args.sizes)
        results.parallel = measure_parallel(work, posts, args.runs, args.bibtex_styles)
    results.minutes = (time.perf_counter() - start) / 60
    results.source_changed = source_fingerprint() != fingerprint
    if results.source_changed:
        log("warning: the extension's source changed during the run")
    report = output_dir / "RESULTS.md"
    report.write_text(render(results), encoding="utf-8")
    log(f"wrote {report}")
    raw = output_dir / "results.json"
    raw.write_text(
        json.dumps({"argv": args.argv, "clean": [c.raw() for c in results.clean]}, indent=1) + "\n",
        encoding="utf-8",
    )
    log(f"wrote {raw} (every run's figures)")
    if results.clean:
        figure = output_dir / "time-per-post.png"
        if plot(results.clean, figure):
            log(f"wrote {figure}")
        else:
            log("matplotlib is not installed: no plot")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
