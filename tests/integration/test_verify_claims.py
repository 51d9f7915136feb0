"""Verdict accuracy on the 50-claim set, through the evaluation script users run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from search_service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_claim_set_accuracy(settings: Settings) -> None:
    env = {**os.environ, "WORTLAUT_ES_URL": str(settings.es_url),
           "WORTLAUT_INDEX_PREFIX": settings.index_prefix}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "evaluate_verification.py"),
                             "--json"], capture_output=True, text=True, env=env, check=False,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["claims"] >= 40
    assert report["accuracy"] >= 0.9, [r for r in report["rows"] if not r["correct"]]
    for kind in ("invented", "other-speaker", "fragment", "word-changed"):
        right, total = map(int, report["by_transformation"][kind].split("/"))
        assert right == total, (kind, report["by_transformation"])
