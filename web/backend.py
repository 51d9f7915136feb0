"""The app's one connection to search_service: a client and a Searcher per app."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from search_service.client import Client, make_client, resolve_url
from search_service.compounds import splitter_for
from search_service.errors import ConfigurationError
from search_service.indices import IndexNames
from search_service.search import Searcher
from search_service.settings import Settings

EXTENSION = "wortlaut"


@dataclass
class Backend:
    settings: Settings
    names: IndexNames
    _client: Client | None = None
    _searcher: Searcher | None = None

    def client(self) -> Client:
        """The client, made on first use (the node may come up after the app)."""
        if self._client is None:
            self._client = make_client(self.settings, resolve_url(self.settings))
        return self._client

    def reset(self) -> None:
        """Forget the client after a failure: the next request resolves the node again
        (the local node may have been restarted on another port), no app restart needed.
        Not closed here: requests of other threads may still be using it."""
        self._client, self._searcher = None, None

    def searcher(self) -> Searcher:
        if self._searcher is None:
            try:
                splitter = splitter_for(self.settings.hunspell_dir)
            except OSError as error:
                raise ConfigurationError(
                    f"The German Hunspell dictionary is missing in "
                    f"{self.settings.hunspell_dir} ({error.strerror}). Install hunspell-de-de "
                    "or set WORTLAUT_HUNSPELL_DIR.") from None
            self._searcher = Searcher(self.client(), self.names, splitter)
        return self._searcher


def init_backend(app: Flask, settings: Settings) -> Backend:
    backend = Backend(settings, IndexNames(settings.index_prefix))
    app.extensions[EXTENSION] = backend
    return backend


def backend() -> Backend:
    found: Backend = current_app.extensions[EXTENSION]
    return found


def searcher() -> Searcher:
    """The current app's Searcher; :class:`ElasticsearchUnavailable` when none can be made."""
    return backend().searcher()
