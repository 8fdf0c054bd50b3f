"""CPU time of one clean HTML build, in this process, split into setup, read and write.

A cross-check for run.py, which times whole `sphinx-build` processes:

    BENCH_HTML_THEME=basic BENCH_WITH_SERIES=1 python benchmarks/phases.py SITE OUTDIR

SITE is a site from generate.py; OUTDIR should not exist (the build is clean). Prints one
line: the variant, the CPU seconds of each phase, the time in full garbage collections and,
with the extension, the time spent importing it (``series_import=``) and inside its own code
(``series=``: its setup, directives, collector, consistency check, render transform and theme
hook).

Under valgrind, which counts the instructions a build executes (within 0.05% from run to run,
unlike its time on a shared machine):

    BENCH_WITH_SERIES=1 valgrind --tool=cachegrind --cache-sim=no \
        --cachegrind-out-file=/dev/null python benchmarks/phases.py SITE OUTDIR
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.docutils import docutils_namespace, patch_docutils


def time_the_extension(seconds: dict[str, float]) -> None:
    """Time the series extension's import, and its entry points in ``seconds["series"]``."""
    import sphinx.builders.html  # noqa: F401 -- Sphinx's, loaded by any HTML build anyway

    start = time.process_time()
    import sphinx_post_series
    from sphinx_post_series import _collector as collector
    from sphinx_post_series import _config as config
    from sphinx_post_series import _directives as directives
    from sphinx_post_series import _theme as theme
    from sphinx_post_series import _transforms as transforms

    seconds["series_import"] = time.process_time() - start
    seconds["series"] = 0.0
    # Sphinx looks these up when the extension is set up, after they are replaced here.
    entry_points: list[tuple[object, str]] = [
        (sphinx_post_series, "setup"),
        (config, "validate_config"),
        (collector, "check_consistency"),
        (collector, "capture_source"),
        (collector, "note_written"),
        (collector, "record_written"),
        (theme, "follow_series_order"),
        (theme, "add_static_dir"),
        (collector.SeriesCollector, "clear_doc"),
        (collector.SeriesCollector, "merge_other"),
        (collector.SeriesCollector, "process_doc"),
        (collector.SeriesCollector, "get_updated_docs"),
        (directives.SeriesDirective, "run"),
        (directives.SeriesContentsDirective, "run"),
        (directives.SeriesIndexDirective, "run"),
        (transforms.RenderSeries, "run"),
    ]
    inside = [False]  # an entry point that calls another is timed once

    def timed(original: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if inside[0]:
                return original(*args, **kwargs)
            inside[0] = True
            start = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                seconds["series"] += time.process_time() - start
                inside[0] = False

        return wrapper

    for owner, name in entry_points:
        setattr(owner, name, timed(getattr(owner, name)))


def main(site: Path, out: Path) -> str:
    seconds: dict[str, float] = {}
    if os.environ.get("BENCH_WITH_SERIES") == "1":
        time_the_extension(seconds)
    original_read, original_write = Builder.read, Builder.write

    def timed_read(self: Builder) -> Any:
        start = time.process_time()
        result = original_read(self)
        seconds["read"] = time.process_time() - start
        return result

    def timed_write(self: Builder, *args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        result = original_write(self, *args, **kwargs)
        seconds["write"] = time.process_time() - start
        return result

    Builder.read, Builder.write = timed_read, timed_write  # type: ignore[method-assign,misc]
    full_collections: list[float] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            full_collections.append(time.process_time() * (1 if phase == "stop" else -1))

    gc.callbacks.append(on_gc)
    with patch_docutils(site), docutils_namespace():
        start = time.process_time()
        app = Sphinx(site, site, out / "html", out / "doctrees", "html", status=None,
                     warning=sys.stderr, freshenv=True)  # fmt: skip
        seconds["setup"] = time.process_time() - start
        app.build()
        seconds["total"] = time.process_time() - start
    gc.callbacks.remove(on_gc)
    phases = " ".join(f"{name}={value:.2f}" for name, value in seconds.items())
    collections = f"gen2={sum(full_collections):.2f}s/{len(full_collections) // 2}"
    return f"{os.environ.get('BENCH_WITH_SERIES', '0')} {phases} {collections}"


if __name__ == "__main__":
    print(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2])))
