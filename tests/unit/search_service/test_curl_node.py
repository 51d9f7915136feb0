"""The client's libcurl node against a small HTTP server on loopback: what it sends, what it
reads back, and the failures after which the client retries on another node."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import elastic_transport
import pytest
from elastic_transport import HttpHeaders, NodeConfig, Urllib3HttpNode

from search_service.client import make_client
from search_service.curl_node import CurlNode, node_class_for
from search_service.settings import Settings


class _Handler(BaseHTTPRequestHandler):
    """Answers like a node: the product header, and the request it got echoed as JSON."""

    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = {"method": self.command, "path": self.path, "body": body.decode(),
                "headers": {k.lower(): v for k, v in self.headers.items()}}
        if self.path.startswith("/slow"):
            threading.Event().wait(2)
        data = json.dumps({"echo": seen}).encode()
        self.send_response(404 if self.path.startswith("/missing") else 200)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    def log_message(self, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client that timed out has gone before the slow answer is written


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _node(url: str) -> CurlNode:
    host, port = url.rsplit("//", 1)[1].split(":")
    return CurlNode(NodeConfig("http", host, int(port)))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_request_goes_out_and_comes_back_as_sent(server: str) -> None:
    node = _node(server)
    body = json.dumps({"query": {"match": {"text": "Integrationskonferenz €"}}}).encode()
    response = node.perform_request("POST", "/quotes/_search?size=2", body=body,
                                    headers=HttpHeaders({"content-type": "application/json"}))
    assert response.meta.status == 200
    assert response.meta.headers["x-elastic-product"] == "Elasticsearch"
    seen = json.loads(response.body)["echo"]
    assert seen["method"] == "POST" and seen["path"] == "/quotes/_search?size=2"
    assert seen["body"].encode() == body
    assert seen["headers"]["content-type"] == "application/json"
    assert "expect" not in seen["headers"]  # no waiting for a 100 Continue


def test_a_proxy_in_the_environment_is_not_used(server: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    assert _node(server).perform_request("GET", "/direct").meta.status == 200


def test_a_reused_handle_forgets_the_previous_request(server: str) -> None:
    node = _node(server)
    node.perform_request("PUT", "/a", body=b'{"x": 1}')
    after = json.loads(node.perform_request("GET", "/b").body)["echo"]
    assert after["method"] == "GET" and after["body"] == ""
    head = node.perform_request("HEAD", "/c")
    assert head.meta.status == 200 and head.body == b""
    gone = node.perform_request("DELETE", "/missing")
    assert gone.meta.status == 404 and json.loads(gone.body)["echo"]["method"] == "DELETE"


def test_threads_share_a_node_without_mixing_answers(server: str) -> None:
    node = _node(server)

    def one(i: int) -> str:
        return str(json.loads(node.perform_request("GET", f"/n{i}").body)["echo"]["path"])

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(one, range(64))) == [f"/n{i}" for i in range(64)]


def test_a_refused_connection_is_a_connection_error() -> None:
    node = _node(f"http://127.0.0.1:{_closed_port()}")
    with pytest.raises(elastic_transport.ConnectionError):
        node.perform_request("GET", "/")


def test_no_answer_in_time_is_a_timeout(server: str) -> None:
    node = _node(server)
    with pytest.raises(elastic_transport.ConnectionTimeout):
        node.perform_request("GET", "/slow", request_timeout=0.2)
    # the handle that timed out is dropped; the next request works
    assert node.perform_request("GET", "/after").meta.status == 200


def test_the_client_retries_on_the_next_node(server: str) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"
    client = make_client(Settings.from_env({}), f"{dead},{server}")
    assert all(isinstance(node, CurlNode) for node in client.transport.node_pool.all())
    for _ in range(3):  # whichever node the pool picks first, the request is answered
        answer = client.perform_request("GET", "/_cluster/health")
        assert answer.meta.status == 200


def test_tls_settings_only_urllib3_has_keep_urllib3() -> None:
    assert node_class_for({"ca_certs": "/etc/ssl/certs/ca.pem"}) is CurlNode
    assert node_class_for({"ssl_assert_fingerprint": "ab:cd"}) is Urllib3HttpNode
    with pytest.raises(ValueError, match="ssl_assert_fingerprint"):
        CurlNode(NodeConfig("https", "127.0.0.1", 9200, ssl_assert_fingerprint="ab:cd"))
