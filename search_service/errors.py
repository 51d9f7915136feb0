"""Errors a user can cause or fix, with messages that say what to do."""


class WortlautError(Exception):
    """An error whose message is meant for the person at the terminal or browser.

    The command line prints the message without a traceback and exits non-zero;
    the web app turns it into a clear response.
    """


class ConfigurationError(WortlautError):
    """A setting (environment variable) has a value Wortlaut cannot use."""


class ElasticsearchUnavailable(WortlautError):
    """The configured Elasticsearch node cannot be reached or is unhealthy."""


class ElasticsearchFailed(ElasticsearchUnavailable):
    """A request did not get through (connection, timeout) or the node could not serve it
    (HTTP 429, 502-504), after the client's retries: worth trying again later.
    ``reason`` is the client's short description of what happened."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class ElasticsearchRejected(WortlautError):
    """The node answered a request with an error (any other HTTP status): a bug or an index
    that does not fit this Wortlaut, not an outage, so trying again does not help."""

    def __init__(self, message: str, status: int, reason: str) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason


class NodeError(WortlautError):
    """The local Elasticsearch node could not be provisioned, started or stopped."""


class SearchInputError(WortlautError):
    """A search request with a value Wortlaut cannot use (names the field)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(WortlautError):
    """A quote, release or speaker id that is not in the index."""
