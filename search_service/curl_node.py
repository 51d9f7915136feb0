"""The client's HTTP connections through libcurl (pycurl) instead of urllib3.

On a results page the app sends one search and reads about 40 KB back. The HTTP round
trip alone cost 0.35 ms of the app's CPU through urllib3, 0.19 through ``http.client``
and 0.09 through libcurl; a whole call of the client 0.5 ms over urllib3 and 0.34 over
libcurl (loopback, the bench's 100k searches; ``bench/README.md``, "Where the app's CPU
goes"): urllib3's pool, retry and response objects and ``http.client``'s header parsing
are Python, libcurl's are C and run without the GIL.

:class:`CurlNode` is an ``elastic_transport`` node: the client's node pool, retries on
another node, serializers and errors are unchanged. What it maps:

* libcurl's timeout (code 28) -> :class:`~elastic_transport.ConnectionTimeout`, its TLS
  failures -> :class:`~elastic_transport.TlsError`, everything else (refused, reset,
  empty reply) -> :class:`~elastic_transport.ConnectionError`: the failures after which
  the transport marks the node dead and retries on the next one;
* ``ca_certs``, ``verify_certs``, ``client_cert``/``client_key`` and ``http_compress``
  of the node's configuration. An ``ssl_context`` or ``ssl_assert_fingerprint`` has no
  libcurl equivalent here: :func:`node_class_for` keeps urllib3 for those.

A curl handle (with its connection) serves one request at a time: each node keeps idle
handles in a list used as a stack (``append`` and ``pop`` are atomic) and opens another
when every one is busy.

Per request, the node's own Python is a few lines: its base URL is made once, its
headers merged as plain dicts (``HttpHeaders`` normalises every key in a method call),
the request logged only when the transport's logger has handlers: a search through the
client 1.30 -> 1.25 M instructions (``bench/README.md``, "Words split as bytes").
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from functools import cached_property
from typing import Any

import pycurl
from elastic_transport import (
    ApiResponseMeta,
    BaseNode,
    ConnectionError,
    ConnectionTimeout,
    HttpHeaders,
    NodeConfig,
    TlsError,
    Urllib3HttpNode,
)
from elastic_transport._node._base import DEFAULT_CA_CERTS, NodeApiResponse
from elastic_transport._node._base import _logger as _transport_logger
from elastic_transport.client_utils import DEFAULT, DefaultType

# libcurl error codes of a failed TLS handshake or certificate check.
_TLS_ERRORS = frozenset({
    pycurl.E_SSL_CONNECT_ERROR, pycurl.E_PEER_FAILED_VERIFICATION,
    pycurl.E_SSL_CERTPROBLEM, pycurl.E_SSL_CIPHER, pycurl.E_SSL_CACERT_BADFILE,
    pycurl.E_SSL_ENGINE_NOTFOUND, pycurl.E_SSL_ENGINE_SETFAILED,
    pycurl.E_SSL_CRL_BADFILE, pycurl.E_SSL_ISSUER_ERROR,
})


def node_class_for(options: dict[str, Any]) -> type[BaseNode]:
    """:class:`CurlNode`, unless the client's ``options`` ask for TLS settings only urllib3
    has."""
    if options.get("ssl_context") or options.get("ssl_assert_fingerprint"):
        return Urllib3HttpNode
    return CurlNode


class CurlNode(BaseNode):
    """One Elasticsearch node, spoken to through libcurl handles (thread-safe)."""

    _CLIENT_META_HTTP_CLIENT = ("cu", pycurl.version_info()[1])

    def __init__(self, config: NodeConfig) -> None:
        if config.ssl_context or config.ssl_assert_fingerprint:
            raise ValueError("CurlNode supports neither ssl_context nor "
                             "ssl_assert_fingerprint; use Urllib3HttpNode")
        super().__init__(config)
        self._idle: list[pycurl.Curl] = []
        self._own_headers = _pairs(self._headers)

    @cached_property
    def base_url(self) -> str:  # the node's address never changes; made once, not per call
        return str(super().base_url)

    def _handle(self) -> pycurl.Curl:
        try:
            return self._idle.pop()
        except IndexError:
            pass
        curl = pycurl.Curl()
        curl.setopt(pycurl.NOSIGNAL, 1)  # timeouts without signals: safe in threads
        curl.setopt(pycurl.TCP_NODELAY, 1)
        # Straight to the node, as the client's urllib3 node goes: libcurl would otherwise
        # read http_proxy / HTTPS_PROXY from the environment.
        curl.setopt(pycurl.PROXY, "")
        if self._http_compress:
            curl.setopt(pycurl.ACCEPT_ENCODING, "gzip")
        if self.scheme == "https":
            config = self.config
            if config.verify_certs:
                ca_certs = config.ca_certs or DEFAULT_CA_CERTS
                if ca_certs:
                    curl.setopt(pycurl.CAINFO, ca_certs)
            else:
                curl.setopt(pycurl.SSL_VERIFYPEER, 0)
                curl.setopt(pycurl.SSL_VERIFYHOST, 0)
            if config.client_cert:
                curl.setopt(pycurl.SSLCERT, config.client_cert)
            if config.client_key:
                curl.setopt(pycurl.SSLKEY, config.client_key)
        return curl

    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        request_timeout: DefaultType | float | None = DEFAULT,
    ) -> NodeApiResponse:
        timeout = self.config.request_timeout if request_timeout is DEFAULT else request_timeout
        merged = dict(self._own_headers)
        if headers:
            merged.update(_pairs(headers))
        # "Expect:" keeps libcurl from waiting for a 100 Continue before a large body.
        lines = [f"{name}: {value}" for name, value in merged.values()]
        lines.append("Expect:")
        if body and self._http_compress:
            body = gzip.compress(body)
            lines.append("content-encoding: gzip")
        chunks: list[bytes] = []
        header_lines: list[bytes] = []
        curl = self._handle()
        start = time.time()
        try:
            _prepare(curl, method, f"{self.base_url}{target}", body, lines, timeout,
                     chunks.append, header_lines.append)
            curl.perform()
            status = int(curl.getinfo(pycurl.RESPONSE_CODE))
        except pycurl.error as error:
            curl.close()  # its connection is in an unknown state
            raised = _translated(error)
            self._log_request(method=method, target=target,
                              headers=HttpHeaders(merged.values()), body=body,
                              exception=raised)
            raise raised from error
        self._idle.append(curl)
        meta = ApiResponseMeta(node=self.config, duration=time.time() - start,
                               http_version="1.1", status=status,
                               headers=_response_headers(header_lines))
        data = b"".join(chunks)
        if _transport_logger.hasHandlers():
            self._log_request(method=method, target=target,
                              headers=HttpHeaders(merged.values()), body=body, meta=meta,
                              response=data)
        return NodeApiResponse(meta, data)

    def close(self) -> None:
        while True:
            try:
                self._idle.pop().close()
            except IndexError:
                return


def _pairs(headers: HttpHeaders) -> dict[str, tuple[str, str]]:
    """``headers`` as HttpHeaders keeps them: by lower-case name, (name, value)."""
    return {name.lower(): (name, value) for name, value in headers.items()}


def _prepare(curl: pycurl.Curl, method: str, url: str, body: bytes | None,
             headers: list[str], timeout: float | None,
             write: Callable[[bytes], Any], header: Callable[[bytes], Any]) -> None:
    """Set every per-request option (a reused handle keeps the previous request's)."""
    curl.setopt(pycurl.URL, url)
    if body:
        curl.setopt(pycurl.POSTFIELDS, body)
    else:
        curl.setopt(pycurl.HTTPGET, 1)  # no body, and forget the previous one
    curl.setopt(pycurl.NOBODY, 1 if method == "HEAD" else 0)
    curl.setopt(pycurl.CUSTOMREQUEST, method)
    curl.setopt(pycurl.HTTPHEADER, headers)
    curl.setopt(pycurl.TIMEOUT_MS, 0 if timeout is None else max(1, round(timeout * 1000)))
    curl.setopt(pycurl.WRITEFUNCTION, write)
    curl.setopt(pycurl.HEADERFUNCTION, header)


def _response_headers(lines: list[bytes]) -> HttpHeaders:
    """The headers of the last response (a ``100 Continue`` sends a block of its own)."""
    pairs: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.decode("latin-1")
        if line.startswith("HTTP/"):
            pairs = []
        else:
            name, colon, value = line.partition(":")
            if colon:
                pairs.append((name.strip(), value.strip()))
    return HttpHeaders(pairs)


def _translated(error: pycurl.error) -> Exception:
    args: tuple[Any, ...] = error.args  # (libcurl's code, its message)
    code, message = args[0], str(args[-1])
    if code == pycurl.E_OPERATION_TIMEDOUT:
        return ConnectionTimeout("Connection timed out during request", errors=(error,))
    if code in _TLS_ERRORS:
        return TlsError(message, errors=(error,))
    return ConnectionError(message, errors=(error,))
