"""``bench/run.py`` keeps what a long run measured when a late step fails or is stopped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_bench_generators import _bench


def test_the_results_file_holds_every_step_finished_before_a_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _bench("run")

    def make(project: Path, n: int) -> list[str]:
        (project / "seeds").mkdir(parents=True)
        return [f"doc-{i}" for i in range(n)]

    def measure(cmd: list[str], cwd: Path | None = None, env: object = None) -> object:
        if "html" in cmd:  # the long full build, stopped (Ctrl-C, or the session's end)
            raise KeyboardInterrupt
        return run.Sample(cpu=float(len(cmd)), wall=2.0, rss_mib=10.0, ok=True)

    monkeypatch.setitem(run.GENERATORS, "realistic", make)
    monkeypatch.setattr(run, "measure", measure)
    monkeypatch.setattr(run.layout, "stats", lambda project: {"documents": 3})
    monkeypatch.setattr(run, "_commit", lambda: "abc1234")  # no git in the repository
    results = tmp_path / "results.json"
    argv = ["--sizes", "3", "--repeat", "1", "--no-parallel", "--skip-sub", "--no-docs"]
    argv += ["--results", str(results), "--work", str(tmp_path / "work")]
    argv += ["--steps", "floor", "normalise", "noop"]
    with pytest.raises(KeyboardInterrupt):
        run.main(argv)
    record = json.loads(results.read_text(encoding="utf-8"))
    assert record["meta"].startswith("partial:")
    assert list(record["sizes"]["3"]) == ["floor", "normalise"]
    assert record["sizes"]["3"]["floor"]["wall_s"] == 2.0
    assert record["corpus"] == {"3": {"documents": 3}}
    assert (tmp_path / "work" / "n3" / "seeds").is_dir()  # --work keeps the corpus
