"""Speaker identity across the corpus: name keys and the registry that joins mentions."""

from indexer.identity.registry import (
    Decision,
    Identity,
    Mention,
    Registry,
    RoleSeen,
    build_registry,
)

__all__ = ["Decision", "Identity", "Mention", "Registry", "RoleSeen", "build_registry"]
