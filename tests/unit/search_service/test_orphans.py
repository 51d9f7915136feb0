"""Which indices outside the aliases are leftovers of failed rebuilds (pure rules)."""

from __future__ import annotations

from search_service.orphans import STALE_AFTER, end_build, is_orphan, start_build

NOW = 1_800_000_000.0
FRESH = int((NOW - 60) * 1000)
OLD = int((NOW - STALE_AFTER - 60) * 1000)


def _orphan(builder: dict[str, object] | None, created: int, *, alive: bool = True) -> bool:
    return is_orphan(builder, created, host="here", pid=100, now=NOW,
                     alive=lambda _: alive)


def test_a_rebuild_whose_process_ended_left_an_orphan() -> None:
    builder = {"host": "here", "pid": 4242, "run": "x"}
    assert _orphan(builder, FRESH, alive=False)
    assert not _orphan(builder, FRESH, alive=True)  # still running: hands off


def test_in_this_process_only_finished_runs_leave_orphans() -> None:
    builder = start_build()
    mine = {**builder, "host": "here", "pid": 100}
    assert not _orphan(mine, FRESH)
    end_build(builder)
    assert _orphan(mine, FRESH)


def test_another_host_or_no_builder_counts_only_when_stale() -> None:
    elsewhere = {"host": "there", "pid": 1, "run": "y"}
    assert not _orphan(elsewhere, FRESH) and _orphan(elsewhere, OLD)
    assert not _orphan(None, FRESH) and _orphan(None, OLD)
