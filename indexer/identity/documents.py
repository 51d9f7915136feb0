"""From mention rows to a registry, and from the registry to speaker documents (pure).

:func:`registry_from_rows` turns the rows :func:`search_service.speaker_index.mention_rows`
reads into :class:`~indexer.identity.registry.Mention` objects and builds the registry;
:func:`speaker_document` is one identity as stored in the speakers index; :func:`assigner`
gives the function that moves a quote's speaker onto its identity (canonical name and id, and
the role held on the quote's date when none was printed with the quote).
"""

from __future__ import annotations

from collections.abc import Iterable
from sys import intern
from typing import Any

from indexer.identity.names import fold, name_key
from indexer.identity.registry import Identity, Mention, Registry, RoleSeen, build_registry
from search_service.documents import Counted, RoleSpan, Speaker, SpeakerType


def registry_from_rows(rows: Iterable[dict[str, Any]]) -> Registry:
    from indexer.documents import speaker_id  # documents imports this package's types

    # Names, publishers, roles and dates recur across a corpus's tens of thousands of rows
    # (one per name, publisher and year): each is kept once, so the registry's memory grows
    # with the distinct values, not with the rows.
    def once(value: str | None) -> str | None:
        return None if value is None else intern(value)

    # Nearly every mention (47,922 of 48,773 in the realistic 100k) was printed only as
    # its name: those keep no printed forms, which :meth:`Identity.aliases` reads as
    # the name itself.
    def printed(row: dict[str, Any]) -> tuple[tuple[str, int], ...]:
        forms = row["printed"]
        if len(forms) == 1 and forms[0][0] == row["name"] and forms[0][1] == row["count"]:
            return ()
        return tuple((intern(p), c) for p, c in forms)

    mentions = [
        Mention(name=intern(row["name"]), type=row["type"],
                publisher=once(row["publisher"]), year=row["year"], count=row["count"],
                printed=printed(row),
                roles=tuple(RoleSeen(intern(r["role"]), once(r["organization"]),
                                     once(r["first"]), once(r["last"]), r["count"])
                            for r in row["roles"]))
        for row in rows
    ]
    return build_registry(mentions, speaker_id)


def speaker_document(identity: Identity) -> Speaker:
    aliases = identity.aliases()
    names = {identity.name, *(a for a, _ in aliases), *(m.name for m in identity.mentions)}
    surnames = set()
    if identity.type == "person":
        for mention in identity.mentions:
            key = name_key(mention.name)
            if key is not None:
                surnames.add(key.surname)
    roles = identity.roles()
    firsts = [r.first for r in roles if r.first]
    lasts = [r.last for r in roles if r.last]
    years = sorted(m.year for m in identity.mentions if m.year is not None)
    return Speaker(
        id=identity.id,
        name=identity.name,
        type=SpeakerType(identity.type),
        quote_count=identity.count,
        keys=sorted({fold(n).strip() for n in names}),
        surnames=sorted(surnames),
        aliases=[Counted(a, c) for a, c in aliases],
        publishers=[Counted(p, c) for p, c in identity.publishers()],
        roles=[RoleSpan(r.role, r.organization, r.first, r.last, r.count) for r in roles],
        first_date=min(firsts) if firsts else (f"{years[0]}" if years else None),
        last_date=max(lasts) if lasts else (f"{years[-1]}" if years else None),
        decisions=[{"mention": d.mention.name, "publisher": d.mention.publisher,
                    "year": d.mention.year, "count": d.mention.count, "rule": d.rule,
                    "detail": d.detail} for d in identity.decisions],
    )


def assigner(registry: Registry) -> Any:
    """``assign(speaker, publisher, date)`` for :func:`apply_identities`."""

    def assign(speaker: dict[str, Any], publisher: str | None,
               date: str | None) -> dict[str, Any] | None:
        year = int(date[:4]) if date else None
        identity = registry.identity_of(speaker["mention"], speaker.get("type") or "person",
                                        publisher, year)
        if identity is None:
            return None
        new = dict(speaker, id=identity.id, name=identity.name)
        if speaker.get("role_source") != "printed":
            role = identity.role_at(date)
            new["role"] = role
            new["role_source"] = "registry" if role else None
        return new

    return assign


def explain(documents: list[Speaker], name: str) -> list[str]:
    """Lines saying which mentions make up the speakers called ``name`` and why, and which
    mentions with the same surname were kept apart."""
    wanted = fold(name).strip()
    lines: list[str] = []
    own = [d for d in documents if wanted in d.keys]
    for doc in own:
        lines.append(f"{doc.name} [{doc.id}] - {doc.type}, {doc.quote_count} quotes")
        for role in doc.roles[:8]:
            lines.append(f"  role: {role.role} ({role.first} .. {role.last}, {role.count})")
        for d in doc.decisions:
            lines.append(f"  joined {d['mention']!r} ({d['publisher'] or 'no publisher'}, "
                         f"{d['year'] or 'undated'}, {d['count']}): {d['rule']} - {d['detail']}")
    own_ids = {d.id for d in own}
    apart = [d for doc in documents if doc.id not in own_ids for d in doc.decisions
             if d["rule"] in {"ambiguous-surname", "no-full-name"}]
    others = [doc for doc in documents
              if doc.id not in own_ids and doc.type is SpeakerType.PERSON]
    kept = [f"  {d['mention']!r} ({d['publisher'] or 'no publisher'}, "
            f"{d['year'] or 'undated'}, {d['count']}): {d['rule']} - {d['detail']}"
            for d in apart]
    kept.extend(f"  {doc.name} [{doc.id}]: another person with the same surname "
                "(a different given name)" for doc in others
                if not any(d["rule"] in {"ambiguous-surname", "no-full-name"}
                           for d in doc.decisions))
    return [*lines, "kept apart:", *kept] if kept else lines
