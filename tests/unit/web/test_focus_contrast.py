"""The focus ring is visible on every background of the pages (WCAG 2.1 1.4.11, 3:1).

The colours are read from ``web/static/wortlaut.css``: the focus colour from the outline of
its ``:focus`` rules, the backgrounds from its ``--bg-*`` and ``--mark`` custom properties
and from every literal ``background`` colour it declares.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[3] / "web" / "static" / "wortlaut.css"
HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"
NAMED = {"white": "#ffffff", "black": "#000000"}


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rgb`` or ``#rrggbb`` colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", digits):
        raise ValueError(f"not a hex colour: {colour!r}")
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) of every innermost rule, comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def _properties(css: str) -> dict[str, str]:
    return dict(re.findall(rf"--([\w-]+)\s*:\s*({HEX})", css))


def _resolve(value: str, properties: dict[str, str]) -> str | None:
    """The hex colour in a declaration's value: literal, named or ``var(--x)``."""
    if found := re.search(r"var\(--([\w-]+)\)", value):
        return properties[found.group(1)]
    if found := re.search(HEX, value):
        return found.group(0)
    for word in value.split():
        if word.lower() in NAMED:
            return NAMED[word.lower()]
    return None


def focus_colours(css: str) -> list[str]:
    """The outline colour of every rule that styles ``:focus`` or ``:focus-visible``."""
    properties = _properties(css)
    colours = []
    for selector, body in _rules(css):
        if ":focus" not in selector:
            continue
        for value in re.findall(r"(?:^|;)\s*outline(?:-color)?\s*:\s*([^;]+)", body):
            assert not re.fullmatch(r"\s*(none|0)\s*(!important)?\s*", value), \
                f"{selector}: the focus outline is removed"
            colour = _resolve(value, properties)
            assert colour, f"{selector}: no colour in outline {value!r}"
            colours.append(colour)
    return colours


def backgrounds(css: str) -> dict[str, str]:
    """Every background a focusable element may sit on, by where it comes from."""
    properties = _properties(css)
    found = {"white": "#ffffff"}
    found.update({f"--{name}": colour for name, colour in properties.items()
                  if name.startswith("bg") or name == "mark"})
    for selector, body in _rules(css):
        for value in re.findall(r"(?:^|;)\s*background(?:-color)?\s*:\s*([^;]+)", body):
            if "var(--accent)" in value:
                continue  # buttons: the ring is offset, so it sits on the page around them
            colour = _resolve(value, properties)
            if colour:
                found[selector] = colour
    return found


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#000", "#fff") == pytest.approx(21)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1)
    assert contrast_ratio("#0b5cad", "#fff") == contrast_ratio("#fff", "#0b5cad")
    # the defect this file guards against: the old amber ring on white
    assert contrast_ratio("#f0b400", "#fff") == pytest.approx(1.87, abs=0.01)
    assert contrast_ratio("#767676", "#fff") == pytest.approx(4.54, abs=0.01)
    with pytest.raises(ValueError):
        relative_luminance("#12345")


def test_parsing_finds_focus_rules_and_backgrounds() -> None:
    css = """:root { --focus: #123456; --bg-page: #fff; --mark: #ff0; --accent: #00f; }
             /* a:focus { outline: 3px solid #f00 } */
             a:focus-visible { outline: 3px solid var(--focus); }
             @media (max-width: 10rem) { .x:focus { outline-color: #abc; } }
             .card { background: #eee; } button { background: var(--accent); }"""
    assert focus_colours(css) == ["#123456", "#abc"]
    assert backgrounds(css) == {"white": "#ffffff", "--bg-page": "#fff", "--mark": "#ff0",
                                ".card": "#eee"}
    with pytest.raises(AssertionError, match="removed"):
        focus_colours("a:focus { outline: none; }")


def test_focus_ring_has_3_to_1_against_every_background() -> None:
    css = CSS.read_text(encoding="utf-8")
    colours = focus_colours(css)
    assert colours, "wortlaut.css styles no :focus / :focus-visible outline"
    failures = [f"{colour} on {where} ({background}): {contrast_ratio(colour, background):.2f}:1"
                for colour in colours for where, background in backgrounds(css).items()
                if contrast_ratio(colour, background) < 3]
    assert not failures, "focus ring below 3:1 — " + "; ".join(failures)
