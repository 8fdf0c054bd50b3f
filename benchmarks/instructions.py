"""Count the instructions of one clean build with and without the extension (valgrind).

Timings on a shared machine vary by 10-20% from run to run, more than the few percent the
extension costs. The number of instructions a build executes hardly varies, so it shows that
difference where timings cannot. This builds the three variants of run.py's clean builds
(with the extension, without it, with its output dropped before writing) once each, in
process (phases.py) under ``valgrind --tool=cachegrind``, all three at once, and
prints a Markdown table::

    python benchmarks/instructions.py --posts 100 --shape 100x10

It needs valgrind (``apt-get install valgrind``); a build runs about 50 times slower under
it (some 10 minutes at 100 posts). Instructions are not time: they leave out waiting on
memory, which grows with the number of objects a build keeps.
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
from pathlib import Path

from generate import SHAPES, SiteSpec, generate_site

BENCHMARKS = Path(__file__).resolve().parent
#: (label, with the extension, its output dropped)
VARIANTS = (("without", False, False), ("with", True, False), ("output dropped", True, True))


def count_instructions(site: Path, out: Path, *, with_series: bool, drop_output: bool) -> int:
    """Run one clean build under cachegrind and return the instructions it executed."""
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
        *("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"),
        *(sys.executable, str(BENCHMARKS / "phases.py"), str(site), str(out)),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    match = re.search(r"I\s+refs:\s+([\d,]+)", result.stderr)
    if result.returncode != 0 or match is None:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-4000:]}")
    return int(match.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="100x10")
    parser.add_argument(
        "--workdir", type=Path, help="where sites and builds go (default: temporary)"
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
            )
            for label, with_series, drop_output in VARIANTS
        }
        counts = {label: future.result() for label, future in futures.items()}
    without = counts["without"]
    print(f"Instructions of one clean build, {args.posts} posts, {args.shape}:\n")
    print("| variant | instructions | vs without |\n|---|---|---|")
    for label, count in counts.items():
        print(f"| {label} | {count:,} | {count / without - 1:+.2%} |")
    own = counts["output dropped"] / without - 1
    writing = (counts["with"] - counts["output dropped"]) / without
    print(f"\nThe extension's own work: {own:+.2%}; writing its output: {writing:+.2%}.")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
