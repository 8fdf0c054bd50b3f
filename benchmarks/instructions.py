"""Count the instructions of one clean build with and without the extension (valgrind).

Timings on a shared machine vary by 10-30% from run to run, more than the few percent the
extension costs. The number of instructions a build executes hardly varies, so it shows that
difference where timings cannot. This builds the three variants of run.py's clean builds
(with the extension, without it, with its output dropped before writing) once each, in
process (phases.py) under ``valgrind --tool=cachegrind``, all three at once, and
prints a Markdown table::

    python benchmarks/instructions.py --posts 100 --shape 100x10

It needs valgrind (``apt-get install valgrind``); a build runs about 50 times slower under
it (some 10 minutes at 100 posts). Instructions are not time: they leave out waiting on
memory. ``--cache-sim`` also simulates the caches (about twice as slow again) and adds the
misses and an estimate of the cycles, weighting each access by where it was served as
iai-callgrind does: 1 for the first-level cache, 5 for the last level, 35 for memory.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generate import SHAPES, SiteSpec, generate_site

BENCHMARKS = Path(__file__).resolve().parent
#: (label, with the extension, its output dropped)
VARIANTS = (("without", False, False), ("with", True, False), ("output dropped", True, True))


#: cachegrind's summary lines, as printed with --cache-sim=yes.
CACHE_COUNTS = {
    "instructions": r"I\s+refs",
    "data accesses": r"D\s+refs",
    "first-level misses": r"LL refs",
    "last-level misses": r"LL misses",
}


@dataclass
class Counts:
    """What cachegrind counted in one build (the cache figures only with --cache-sim)."""

    instructions: int
    data_accesses: int = 0
    first_level_misses: int = 0
    last_level_misses: int = 0

    @property
    def estimated_cycles(self) -> int:
        """Accesses weighted by where they were served: first level 1, last level 5, memory 35."""
        accesses = self.instructions + self.data_accesses
        last_level_hits = self.first_level_misses - self.last_level_misses
        first_level_hits = accesses - self.first_level_misses
        return first_level_hits + 5 * last_level_hits + 35 * self.last_level_misses


def _count(name: str, summary: str) -> int:
    match = re.search(CACHE_COUNTS[name] + r":\s+([\d,]+)", summary)
    if match is None:
        raise ValueError(f"no {name} in cachegrind's summary")
    return int(match.group(1).replace(",", ""))


def count_instructions(
    site: Path, out: Path, *, with_series: bool, drop_output: bool, cache_sim: bool = False
) -> Counts:
    """Run one clean build under cachegrind and return what it counted."""
    env = {
        **os.environ,
        "BENCH_WITH_SERIES": "1" if with_series else "0",
        "BENCH_DROP_SERIES_OUTPUT": "1" if drop_output else "0",
        "BENCH_HTML_THEME": os.environ.get("BENCH_HTML_THEME", "basic"),
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(BENCHMARKS), os.environ.get("PYTHONPATH")])
        ),
        # The same hash seed for every variant: set and dict orders, and so the work, repeat.
        "PYTHONHASHSEED": "0",
        # Python's own allocator confuses valgrind; the system one is what valgrind expects.
        "PYTHONMALLOC": "malloc",
    }
    command = [
        *(
            "valgrind",
            "--tool=cachegrind",
            f"--cache-sim={'yes' if cache_sim else 'no'}",
            "--cachegrind-out-file=/dev/null",
        ),
        *(sys.executable, str(BENCHMARKS / "phases.py"), str(site), str(out)),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    try:
        if result.returncode != 0:
            raise ValueError(f"exit status {result.returncode}")
        if not cache_sim:
            return Counts(_count("instructions", result.stderr))
        return Counts(*(_count(name, result.stderr) for name in CACHE_COUNTS))
    except ValueError as error:
        raise RuntimeError(
            f"{' '.join(command)} failed ({error}):\n{result.stderr[-4000:]}"
        ) from error


def print_table(counts: dict[str, Counts], measure: str) -> None:
    """Print one measure of the three variants, and its split into own work and writing."""
    value = {label: getattr(count, measure) for label, count in counts.items()}
    without = value["without"]
    name = measure.replace("_", " ")
    print(f"| variant | {name} | vs without |\n|---|---|---|")
    for label, count in value.items():
        print(f"| {label} | {count:,} | {count / without - 1:+.2%} |")
    own = value["output dropped"] / without - 1
    writing = (value["with"] - value["output dropped"]) / without
    print(
        f"\n{name.capitalize()}: the extension's own work {own:+.2%}; "
        f"writing its output {writing:+.2%}.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="100x10")
    parser.add_argument(
        "--workdir", type=Path, help="where sites and builds go (default: temporary)"
    )
    parser.add_argument(
        "--cache-sim", action="store_true", help="simulate the caches and estimate cycles"
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed (apt-get install valgrind)")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="series-instructions-"))
    sites = {
        with_series: generate_site(
            work / "sites" / SiteSpec(args.posts, args.shape, with_series).folder_name,
            SiteSpec(args.posts, args.shape, with_series),
        )
        for with_series in (True, False)
    }
    for label, *_ in VARIANTS:
        shutil.rmtree(work / "out" / label, ignore_errors=True)
    # Instruction counts do not depend on sharing the cores, so all three run at once.
    with ThreadPoolExecutor(max_workers=len(VARIANTS)) as pool:
        futures = {
            label: pool.submit(
                count_instructions,
                sites[with_series],
                work / "out" / label,
                with_series=with_series,
                drop_output=drop_output,
                cache_sim=args.cache_sim,
            )
            for label, with_series, drop_output in VARIANTS
        }
        counts = {label: future.result() for label, future in futures.items()}
    print(f"One clean build, {args.posts} posts, {args.shape}:\n")
    print_table(counts, "instructions")
    if args.cache_sim:
        for measure in ("data_accesses", "first_level_misses", "last_level_misses"):
            print_table(counts, measure)
        print_table(counts, "estimated_cycles")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
