"""The benchmark's per-run overheads and the verdicts drawn from them (benchmarks/run.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from run import CleanResult, PerRun


def test_overhead_pairs_the_variants_of_each_run() -> None:
    # The machine slowed down between the two runs; each run's own ratio is +10%, while
    # the ratio of the medians (25.0 / 20.0) would say +25%.
    clean = CleanResult(100, "10x100", seconds={True: [11.0, 33.0], False: [10.0, 30.0]})
    assert clean.per_run(clean.seconds).values == pytest.approx([0.10, 0.10])


def test_own_work_and_writing_add_up_to_the_overhead_in_each_run() -> None:
    clean = CleanResult(100, "10x100", seconds={True: [12.0, 26.0], False: [10.0, 20.0]})
    clean.seconds_dropped = [10.5, 21.0]
    own, writing = clean.per_run_split(clean.seconds, clean.seconds_dropped)
    assert own.values == pytest.approx([0.05, 0.05])
    assert writing.values == pytest.approx([0.15, 0.25])
    overhead = clean.per_run(clean.seconds).values
    assert [o + w for o, w in zip(own.values, writing.values, strict=True)] == pytest.approx(
        overhead
    )


@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        ([0.01, 0.02, 0.03, 0.00, 0.025], "pass"),
        ([0.04, 0.05, 0.031, 0.2, 0.06], "**FAIL**"),
        ([0.02, 0.05, 0.04, 0.2, 0.06], "not resolved (noise)"),
    ],
)
def test_a_verdict_needs_the_whole_interval_on_one_side(values: list[float], verdict: str) -> None:
    assert PerRun(values).verdict(0.03) == verdict


def test_no_verdict_from_fewer_than_five_runs() -> None:
    assert PerRun([0.5, 0.6, 0.7, 0.8]).verdict(0.03) == "not resolved (4 runs)"


def test_five_runs_bracket_the_median_with_94_percent_confidence() -> None:
    assert PerRun([0.0] * 5).confidence == pytest.approx(0.9375)
    assert str(PerRun([0.1, -0.02, 0.05])) == "+5.0% [-2.0% to +10.0%]"
