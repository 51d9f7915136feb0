"""Structure of plain-text press releases: title, lead, category, body, contact, publisher.

Two entry points, both pure:

* :func:`parse_plaintext_release` for text scraped from a release web page, shaped like the
  project's seed (title line, subtitle/lead line, image file names, a category line, body
  paragraphs and sub-headings, a press contact block, the publisher's postal address and
  site navigation at the end);
* :func:`structure_from_body` for releases that already come as fields (a title and a body
  of paragraphs separated by blank lines, e.g. JSON/JSONL records).

Offsets: the lead (the subtitle line) is kept as the *first paragraph of the body*, so that a
quote in the lead has offsets like any other quote. The title is not part of the body.
Headings are part of the body (``kind="heading"``). Everything else that is not running text
(image names, category line, contact block, address, navigation) is removed from the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from indexer.extraction.records import Contact, Paragraph, ParagraphKind, ReleaseStructure

PARAGRAPH_SEPARATOR = "\n\n"

_IMAGE_LINE = re.compile(
    r"^[\w\-.,()+~%@ ]{1,200}\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp|avif)$", re.IGNORECASE
)
_CREDIT_LINE = re.compile(r"^(?:©|\(c\)\s|Foto\s*:|Bild\s*:|Bildquelle\s*:|Copyright\s*:)", re.I)
_DATE_LINE = re.compile(
    r"^(?:\w+,\s*)?\d{1,2}\.\s*(?:\d{1,2}\.|[A-Za-zäÄ]+)\s*\d{2,4}(?:\s*[-–,|]?\s*.{0,20})?$"
)
_PRESS_LINE = re.compile(
    r"^(?:Presse(?:mitteilung|information|meldung)|Pressemitteilung Nr\.?.*|Press release)$",
    re.IGNORECASE,
)
_NOISE_LINE = re.compile(
    r"(?:-Navigator$|^Navigator$|Suchbegriff|Wie können wir Ihnen helfen|^Seite drucken$"
    r"|^Drucken$|^Teilen$|^Seite teilen|^Artikel teilen|^Nach oben$|^zum Seitenanfang"
    r"|^Zurück zur Übersicht|^Zurück$|^Newsletter abonnieren|^Impressum$|^Datenschutz"
    r"|^Sitemap$|^Leichte Sprache$|^Gebärdensprache$|^Barrierefreiheit$|^Cookie"
    r"|^Social Media$|^Suche$|^Menü$|^Direkt zu|^-?\s*Folgen Sie (?:uns|unseren)"
    r"|^(?:Facebook|Twitter|X|Instagram|Mastodon|YouTube|LinkedIn|WhatsApp|E-Mail)$)",
    re.IGNORECASE,
)
_CONTACT_START = re.compile(
    r"^(?:Kontakt(?:\s+(?:für\s+)?Pressevertreter(?:innen)?(?:\s+und\s+-vertreter)?)?"
    r"|Pressekontakt|Pressestelle|Medienkontakt|Ansprechpartner(?:in)?|Ansprechperson"
    r"|Für (?:weitere Informationen|Rückfragen|Presseanfragen)(?:\s+\w+){0,3}"
    r"|Rückfragen(?:\s+\w+){0,3}|Press contact|Media contact|Contact)\s*:?\s*$",
    re.IGNORECASE,
)
_CONTACT_ROLE_LINE = re.compile(
    r"^(?P<role>(?:Presse|Medien)?[Ss]precher(?:in)?|Pressereferent(?:in)?|Ansprechpartner(?:in)?"
    r"|Kontakt|Pressestelle|Press (?:Secretary|Officer)|Spokesperson|Leiter(?:in)? (?:der )?"
    r"Pressestelle)\s*:\s*(?P<name>\S.*)$"
)
_NAME_ROLE_LINE = re.compile(
    r"^(?P<name>[A-ZÄÖÜ][\w.\-]+(?:\s+[A-ZÄÖÜ][\w.\-]+){1,3})\s*[│|,–-]\s*"
    r"(?P<role>(?:Presse|Medien)?[Ss]precher(?:in)?|Pressereferent(?:in)?|Pressestelle)$"
)
_PERSON_NAME = re.compile(r"^(?:(?:Dr|Prof)\.\s+)*[A-ZÄÖÜ][\w\-]+(?:\s+[A-ZÄÖÜ][\w\-]+){1,3}$")
_PHONE_LINE = re.compile(
    r"^(?:Telefon|Tel\.?|Fon|Phone|Mobil|Handy)\s*[.:]?\s*(?P<value>[+(\d][\d\s/()\-.+]{4,})$",
    re.IGNORECASE,
)
_FAX_LINE = re.compile(r"^(?:Fax|Telefax)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_POSTCODE_LINE = re.compile(r"^(?:D-\s?)?\d{5}\s+(?P<place>[A-ZÄÖÜ][\w.\- ]{1,40}?)\s*$")
_STREET_LINE = re.compile(
    r"^(?:[A-ZÄÖÜ][\w.\-]*(?:\s+[\w.\-]+){0,4}\s+\d{1,4}\s?[a-zA-Z]?(?:\s*[-–]\s*\d{1,4})?"
    r"|Postfach\s+\d[\d\s]*)$"
)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_FINAL_PUNCT = tuple('.!?:;,…“”"«»)')


def parse_plaintext_release(text: str) -> ReleaseStructure:
    """Split a scraped plain-text release into title, lead, topics, body, contact and more."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [_clean_line(line) for line in lines]
    blocks = _blocks(lines)
    title = ""
    if blocks:
        title = " ".join(blocks[0])
        blocks = blocks[1:]

    blocks, contact, publisher, place = _split_tail(blocks)
    blocks = [b for b in ([ln for ln in block if not _is_noise(ln)] for block in blocks) if b]

    lead: str | None = None
    topics: list[str] = []
    texts: list[tuple[str, ParagraphKind]] = []
    seen_text = False
    for index, block in enumerate(blocks):
        joined = _join_block(block)
        for piece in joined:
            if not seen_text and (_IMAGE_LINE.match(piece) or _CREDIT_LINE.match(piece)):
                continue
            if _IMAGE_LINE.match(piece):
                continue
            if not seen_text and (_DATE_LINE.match(piece) or _PRESS_LINE.match(piece)):
                continue
            if not seen_text and _is_category(piece) and (lead is not None or index > 0):
                topics.append(piece)
                continue
            if lead is None and not seen_text and not texts and _is_lead(piece, blocks[index:]):
                lead = piece
                continue
            seen_text = seen_text or not _is_heading(piece)
            texts.append((piece, "heading" if _is_heading(piece) else "paragraph"))
    parts: list[tuple[str, ParagraphKind]] = []
    if lead is not None:
        parts.append((lead, "paragraph"))
    parts.extend(_demote_trailing_heading(texts))
    return _assemble(title, lead, topics, parts, contact, publisher, place)


def structure_from_body(
    title: str,
    body: str,
    *,
    lead: str | None = None,
    topics: Iterable[str] = (),
    publisher: str | None = None,
    place: str | None = None,
    language: str | None = None,
) -> ReleaseStructure:
    """Build a :class:`ReleaseStructure` from an already extracted body.

    Paragraphs are the blocks separated by blank lines; their text is kept as given. A
    trailing press-contact/address block is removed and parsed, short blocks without final
    punctuation become headings. An explicit ``publisher``/``place`` wins over the parsed one.
    """
    normalized = body.replace("\r\n", "\n").replace("\r", "\n")
    raw_blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", normalized)]
    blocks = [[ln.strip() for ln in b.split("\n") if ln.strip()] for b in raw_blocks if b]
    kept, contact, found_publisher, found_place = _split_tail(blocks)
    texts: list[tuple[str, ParagraphKind]] = []
    for block in kept:
        lines = [
            ln
            for ln in block
            if not _is_noise(ln) and not _IMAGE_LINE.match(ln) and not _CREDIT_LINE.match(ln)
        ]
        if not lines:
            continue
        piece = "\n".join(lines)
        texts.append((piece, "heading" if _is_heading(piece) else "paragraph"))
    parts: list[tuple[str, ParagraphKind]] = []
    if lead:
        parts.append((lead.strip(), "paragraph"))
    parts.extend(_demote_trailing_heading(texts))
    return _assemble(
        title.strip(),
        lead.strip() if lead else None,
        list(topics),
        parts,
        contact,
        publisher or found_publisher,
        place or found_place,
        language,
    )


def _assemble(
    title: str,
    lead: str | None,
    topics: Sequence[str],
    parts: Sequence[tuple[str, ParagraphKind]],
    contact: Contact | None,
    publisher: str | None,
    place: str | None,
    language: str | None = None,
) -> ReleaseStructure:
    paragraphs: list[Paragraph] = []
    offset = 0
    for text, kind in parts:
        if paragraphs:
            offset += len(PARAGRAPH_SEPARATOR)
        paragraphs.append(Paragraph(text=text, start=offset, end=offset + len(text), kind=kind))
        offset += len(text)
    body = PARAGRAPH_SEPARATOR.join(text for text, _ in parts)
    deduped_topics = tuple(dict.fromkeys(t for t in topics if t))
    return ReleaseStructure(
        title=title,
        lead=lead,
        topics_from_category=deduped_topics,
        paragraphs=tuple(paragraphs),
        headings=tuple(p.text for p in paragraphs if p.kind == "heading"),
        contact=contact,
        publisher=publisher,
        place=place,
        body=body,
        language=language if language is not None else guess_language(body or title),
    )


def guess_language(text: str) -> str | None:
    """Very small stopword vote between German and English; ``None`` when undecided."""
    words = re.findall(r"[a-zäöüß]+", text.lower())
    if not words:
        return None
    german = {"der", "die", "das", "und", "ist", "nicht", "mit", "für", "sich", "auf", "dass"}
    english = {"the", "and", "is", "of", "to", "that", "with", "for", "on", "are", "this"}
    de = sum(1 for w in words if w in german)
    en = sum(1 for w in words if w in english)
    if de == en:
        return None
    return "de" if de > en else "en"


def _clean_line(line: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", line.replace("\u00ad", "")).strip()


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _join_block(block: Sequence[str]) -> list[str]:
    """Hard-wrapped prose becomes one paragraph; other multi-line blocks one per line."""
    if len(block) > 1 and all(len(ln) >= 50 and not ln.endswith(_FINAL_PUNCT) for ln in block[:-1]):
        return [" ".join(block)]
    return list(block)


def _is_noise(line: str) -> bool:
    return len(line) <= 100 and bool(_NOISE_LINE.search(line))


def _is_category(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 3
        and len(line) <= 40
        and not line.endswith(_FINAL_PUNCT)
        and not any(ch in line for ch in '„“”"»«:')
        and line[0].isupper()
    )


def _is_lead(line: str, rest: Sequence[Sequence[str]]) -> bool:
    more = sum(len(b) for b in rest) > 1
    return more and len(line.split()) >= 5 and len(line) <= 350


def _is_heading(text: str) -> bool:
    words = text.split()
    return (
        "\n" not in text
        and 0 < len(words) <= 14
        and len(text) <= 120
        and not text.endswith(_FINAL_PUNCT)
        and not text.startswith(("„", "“", '"', "»", "- ", "• ", "* "))
        and (text[0].isupper() or text[0].isdigit())
        and not _URL_LINE.match(text)
        and not _EMAIL.search(text)
    )


def _demote_trailing_heading(
    texts: Sequence[tuple[str, ParagraphKind]],
) -> list[tuple[str, ParagraphKind]]:
    """A 'heading' with no paragraph after it is not a heading (e.g. a closing URL line)."""
    out = list(texts)
    for i in range(len(out) - 1, -1, -1):
        text, kind = out[i]
        if kind != "heading":
            break
        out[i] = (text, "paragraph")
    return out


def _split_tail(
    blocks: Sequence[Sequence[str]],
) -> tuple[list[list[str]], Contact | None, str | None, str | None]:
    """Cut the contact block, the publisher address and anything after them off the end."""
    flat: list[tuple[int, int, str]] = [
        (bi, li, line) for bi, block in enumerate(blocks) for li, line in enumerate(block)
    ]
    tail_at: int | None = None
    for k, (_bi, _li, line) in enumerate(flat):
        if k == 0:
            continue
        rest = flat[k:]
        if len(rest) > 25 or any(len(r[2]) > 160 for r in rest[:12]):
            continue
        if (
            _CONTACT_START.match(line)
            or _CONTACT_ROLE_LINE.match(line)
            or _NAME_ROLE_LINE.match(line)
            or _starts_address(flat, k)
        ):
            tail_at = k
            break
    if tail_at is None:
        return [list(b) for b in blocks], None, None, None

    tail = [line for _, _, line in flat[tail_at:]]
    contact, publisher, place = _parse_tail(tail)
    cut_block, cut_line = flat[tail_at][0], flat[tail_at][1]
    kept = [list(b) for b in blocks[:cut_block]]
    if cut_line:
        kept.append(list(blocks[cut_block][:cut_line]))
    return kept, contact, publisher, place


def _starts_address(flat: Sequence[tuple[int, int, str]], k: int) -> bool:
    """An organization line, a street line, a postcode line in a row."""
    if k + 2 >= len(flat):
        return False
    org, street, post = flat[k][2], flat[k + 1][2], flat[k + 2][2]
    return (
        bool(_STREET_LINE.match(street))
        and bool(_POSTCODE_LINE.match(post))
        and not org.endswith(_FINAL_PUNCT)
    )


def _parse_tail(tail: Sequence[str]) -> tuple[Contact | None, str | None, str | None]:
    name: str | None = None
    role: str | None = None
    phone: str | None = None
    email: str | None = None
    publisher: str | None = None
    place: str | None = None
    expect_name = False
    for i, line in enumerate(tail):
        if _POSTCODE_LINE.match(line) and place is None:
            match = _POSTCODE_LINE.match(line)
            assert match is not None
            place = match.group("place").strip()
            if i >= 2 and _STREET_LINE.match(tail[i - 1]) and publisher is None:
                candidate = tail[i - 2]
                if not (_PHONE_LINE.match(candidate) or _EMAIL.search(candidate)):
                    publisher = candidate
            continue
        role_match = _CONTACT_ROLE_LINE.match(line)
        name_role = _NAME_ROLE_LINE.match(line)
        if role_match and name is None:
            role = role_match.group("role")
            value = role_match.group("name").strip()
            if _PERSON_NAME.match(value):
                name = value
            else:
                expect_name = True
            continue
        if name_role and name is None:
            name, role = name_role.group("name"), name_role.group("role")
            continue
        phone_match = _PHONE_LINE.match(line)
        if phone_match and phone is None:
            phone = phone_match.group("value").strip()
            continue
        if _FAX_LINE.match(line):
            continue
        email_match = _EMAIL.search(line)
        if email_match:
            email = email or email_match.group(0)
            continue
        if _CONTACT_START.match(line):
            expect_name = True
            continue
        if expect_name and name is None and _PERSON_NAME.match(line):
            name = line
            expect_name = False
    contact = None
    if name or phone or email:
        contact = Contact(name=name, role=role, phone=phone, email=email)
    return contact, publisher, place
