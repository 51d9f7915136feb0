"""Release structure from Markdown bodies (e.g. the White House Briefing Room scrape).

The Markdown is rendered to plain paragraphs the way a reader sees it: hard-wrapped lines of
a paragraph are joined with a space (a line ending in two spaces keeps its line break),
backslash escapes are resolved (``\\[``, ``\\###``), link targets are dropped (``[text](url)``
-> ``text``), ``<s>…</s>`` strike-through tags and the closing ``###`` line are removed, and
emphasis markers around a whole paragraph are dropped. A first paragraph that is entirely in
emphasis is the lead (subtitle). Offsets of the extraction records point into this rendered
body, so ``body[start:end] == text`` holds for every record.
"""

from __future__ import annotations

import re

from indexer.extraction.plaintext import structure_from_body
from indexer.extraction.records import ReleaseStructure

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_STRIKE = re.compile(r"</?s>")
_END_MARK = re.compile(r"^\s*\\?#{3}\s*$")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_INLINE_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{2})(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.DOTALL)
_WHOLE_EMPHASIS = re.compile(r"^\*{1,2}([^*].*?)\*{1,2}$", re.DOTALL)


def render_markdown(markdown: str) -> list[str]:
    """Paragraph texts of a Markdown body, unwrapped and unescaped."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in _BLANK_LINE.split(text):
        lines = block.split("\n")
        if not block.strip() or all(_END_MARK.match(line) for line in lines if line.strip()):
            continue
        pieces: list[str] = []
        for index, line in enumerate(lines):
            hard_break = line.endswith("  ") and index < len(lines) - 1
            stripped = line.strip()
            if not stripped:
                continue
            pieces.append(stripped + ("\n" if hard_break else " "))
        joined = "".join(pieces).strip()
        joined = _LINK.sub(r"\1", joined)
        joined = _STRIKE.sub("", joined)
        joined = _ESCAPE.sub(r"\1", joined)
        emphasis = _WHOLE_EMPHASIS.match(joined)
        if emphasis:
            joined = emphasis.group(1).strip()
        joined = _INLINE_EMPHASIS.sub(r"\2", joined)
        joined = re.sub(r"[ \t\u00a0]+", " ", joined)
        joined = re.sub(r" ?\n ?", "\n", joined).strip()
        if joined and not _END_MARK.match(joined):
            paragraphs.append(joined)
    return paragraphs


def parse_markdown_release(
    title: str,
    markdown: str,
    *,
    publisher: str | None = None,
    topics: tuple[str, ...] = (),
    language: str | None = None,
) -> ReleaseStructure:
    """A :class:`ReleaseStructure` for a release whose body is Markdown."""
    raw_blocks = [b for b in _BLANK_LINE.split(markdown.strip()) if b.strip()]
    paragraphs = render_markdown(markdown)
    lead: str | None = None
    if paragraphs and raw_blocks and _WHOLE_EMPHASIS.match(raw_blocks[0].strip()):
        lead = paragraphs.pop(0)
    return structure_from_body(
        title,
        "\n\n".join(paragraphs),
        lead=lead,
        topics=topics,
        publisher=publisher,
        language=language,
    )
