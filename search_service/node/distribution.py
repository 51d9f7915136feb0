"""Fetch and unpack the official Elasticsearch server distribution, once.

The default source is Maven Central's
``org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip``
(server and HTTP transport, no optional modules, no bundled JDK), fetched with
``mvn dependency:copy``. ``WORTLAUT_ES_DISTRIBUTION`` may instead point at an
unpacked official tarball (``elasticsearch-<version>/``), which is used as is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from search_service.errors import NodeError
from search_service.settings import Settings

MAVEN_ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"


def ensure_distribution(settings: Settings) -> Path:
    """Return the home folder of a runnable distribution, fetching it if needed."""
    if settings.es_distribution is not None:
        home = settings.es_distribution
        if not (home / "bin" / "elasticsearch").exists():
            raise NodeError(
                f"WORTLAUT_ES_DISTRIBUTION={home} is not an unpacked Elasticsearch "
                "distribution (no bin/elasticsearch in it). Point it at the folder the "
                "official tarball unpacks to, or unset it to fetch one automatically."
            )
        return home
    home = settings.home / "distributions" / f"elasticsearch-{settings.es_version}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    archive = _download(settings)
    _unpack(archive, home)
    return home


def _download(settings: Settings) -> Path:
    downloads = settings.home / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    archive = downloads / f"elasticsearch-{settings.es_version}.zip"
    if archive.exists() and zipfile.is_zipfile(archive):
        return archive
    mvn = shutil.which("mvn")
    if mvn is None:
        raise NodeError(
            "Cannot fetch Elasticsearch: Maven (`mvn`) is not installed. Install it "
            "(on Debian: `apt-get install maven`), or download the official tarball and "
            "set WORTLAUT_ES_DISTRIBUTION to its unpacked folder, or set WORTLAUT_ES_URL "
            "to an Elasticsearch you already run."
        )
    artifact = MAVEN_ARTIFACT.format(version=settings.es_version)
    print(f"Fetching Elasticsearch {settings.es_version} from Maven Central ...", file=sys.stderr)
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [mvn, "-q", "-B", "dependency:copy", f"-Dartifact={artifact}",
         f"-DoutputDirectory={downloads}", "-Dmdep.overWriteReleases=true"],
        capture_output=True, text=True, check=False, cwd=downloads,
    )
    if result.returncode != 0 or not archive.exists():
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
        raise NodeError(
            f"Fetching {artifact} with Maven failed (exit {result.returncode}). Check the "
            "network access to Maven Central and WORTLAUT_ES_VERSION, or set "
            f"WORTLAUT_ES_DISTRIBUTION to an unpacked official tarball. Maven said:\n{tail}"
        )
    return archive


def _unpack(archive: Path, home: Path) -> None:
    """Unpack into a temporary sibling, keeping file modes, then rename atomically."""
    staging = home.parent / f".{home.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with zipfile.ZipFile(archive) as zf:
        top = {name.split("/", 1)[0] for name in zf.namelist()}
        if len(top) != 1:
            raise NodeError(f"{archive} does not look like an Elasticsearch distribution.")
        for info in zf.infolist():
            target = staging / info.filename
            if not target.resolve().is_relative_to(staging.resolve()):
                raise NodeError(f"{archive} contains an unsafe path: {info.filename}")
            zf.extract(info, staging)
            mode = (info.external_attr >> 16) & 0o777
            if mode and not info.is_dir():
                target.chmod(mode)
    inner = staging / top.pop()
    shutil.rmtree(home, ignore_errors=True)
    inner.rename(home)
    shutil.rmtree(staging, ignore_errors=True)
    home.chmod(0o755)
