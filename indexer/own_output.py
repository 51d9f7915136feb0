"""The files a running command writes, so that it never reads them back as input.

``wortlaut extract data/ > data/out.jsonl`` is a common slip: the shell creates
``out.jsonl`` inside the folder being read before the command starts, and a command that
read it would read its own growing output and write it again without end (GNU grep
refuses the same: "input file is also the output"). A file is recognised by its device
and inode, so another name for it (a link, a relative path) is recognised too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, Any

Identity = tuple[int, int]


def written_files(*streams: IO[Any]) -> frozenset[Identity]:
    """Device and inode of each of ``streams`` that is a regular file (a redirected
    standard output or error); pipes, terminals and ``/dev/null`` are never inputs."""
    found: set[Identity] = set()
    for stream in streams:
        try:
            info = os.fstat(stream.fileno())
        except (OSError, ValueError, AttributeError):  # closed, or not backed by a file
            continue
        if stat.S_ISREG(info.st_mode):
            found.add((info.st_dev, info.st_ino))
    return frozenset(found)


def is_written(path: Path, written: frozenset[Identity]) -> bool:
    """Is ``path`` one of the ``written`` files?"""
    if not written:
        return False
    try:
        info = path.stat()
    except OSError:
        return False
    return (info.st_dev, info.st_ino) in written
