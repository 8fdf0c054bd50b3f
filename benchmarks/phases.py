"""CPU time of one clean HTML build, in this process, split into setup, read and write.

A cross-check for run.py, which times whole `sphinx-build` processes:

    BENCH_HTML_THEME=basic BENCH_WITH_SERIES=1 python benchmarks/phases.py SITE OUTDIR

SITE is a site from generate.py; OUTDIR should not exist (the build is clean). Prints one
line: the variant, the CPU seconds of each phase, and the time in full garbage collections.
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


def main(site: Path, out: Path) -> str:
    seconds: dict[str, float] = {}
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
