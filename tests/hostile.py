"""Records whose every field carries markup or script, for the escaping and XSS tests.

They go into the fixture corpus like user files (JSON Lines through the indexer), so
the pages and the API show them exactly as they would show a hostile source.
"""

from __future__ import annotations

from typing import Any

MARK = "wortlaut-xss"  # every payload carries this, so the tests can find it

HOSTILE_QUOTE: dict[str, Any] = {
    "url": "https://example.org/hostile/zitat?x=<script>",
    "date": "2020-01-02",
    "title": f"<svg onload=alert('{MARK}-title')>Feindlicher Titel",
    "publisher": f"<iframe src=x onload=alert('{MARK}-publisher')></iframe>Amt",
    "keywords": [f"<b onmouseover=alert('{MARK}-topic')>Thema</b>"],
    "quote": (f"Wir sagen <img src=x onerror=alert('{MARK}-quote')> und "
              f"<script>alert('{MARK}-script')</script> deutlich Nein zur Giftspritze"),
    "speaker": f"Eve Evil <img src=x onerror=alert('{MARK}-speaker')>",
    "role": f"<script>alert('{MARK}-role')</script>Staatssekretärin",
}

HOSTILE_RELEASE: dict[str, Any] = {
    "url": "https://example.org/hostile/mitteilung\"><script>alert(1)</script>",
    "date": "2020-01-03",
    "title": f"<script>alert('{MARK}-release')</script> Mitteilung zur Giftspritze",
    "publisher": "Testamt",
    "body": (
        "Mallory Markup stellte den Bericht vor.\n\n"
        f"„Das ist <img src=x onerror=alert('{MARK}-body')> ein wichtiger Schritt gegen "
        "die Giftspritze“, sagte Mallory Markup.\n\n"
        f"</p><script>alert('{MARK}-paragraph')</script><p>Ende."
    ),
}

# Every field a CSV export writes starts like a spreadsheet formula (OWASP CSV injection).
FORMULA_WORD = "Formelzelle"
HOSTILE_FORMULAS: dict[str, Any] = {
    "url": "https://example.org/hostile/formel",
    "date": "2020-01-04",
    "title": "=HYPERLINK(\"https://evil.example/\",\"Formelzelle\")",
    "publisher": "@SUM(1+1)*cmd|' /C calc'!A0",
    "keywords": ["-2+3+cmd|' /C calc'!A0"],
    "quote": f"=1+1 ist keine Rechnung, sondern eine {FORMULA_WORD} im Zitat",
    "speaker": "+Eve Formula",
    "role": "\tStaatssekretärin",
}

HOSTILE_RELEASES = [HOSTILE_QUOTE, HOSTILE_RELEASE, HOSTILE_FORMULAS]
