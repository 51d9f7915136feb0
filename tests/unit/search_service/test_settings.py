from __future__ import annotations

from pathlib import Path

import pytest

from search_service.errors import ConfigurationError
from search_service.settings import DEFAULT_INDEX_PREFIX, Settings


def test_defaults_bind_to_localhost_and_use_the_local_node() -> None:
    settings = Settings.from_env({"WORTLAUT_HOME": "/tmp/w"})
    assert settings.es_url is None
    assert settings.web_host == "127.0.0.1"
    assert settings.web_port == 5000
    assert settings.index_prefix == DEFAULT_INDEX_PREFIX
    assert settings.node_dir == Path("/tmp/w/node")


def test_server_layout_and_proxies() -> None:
    defaults = Settings.from_env({})
    assert (defaults.web_workers, defaults.web_threads, defaults.proxies) == (2, 4, 0)
    chosen = Settings.from_env({"WORTLAUT_WEB_WORKERS": "4", "WORTLAUT_WEB_THREADS": "2",
                                "WORTLAUT_PROXIES": "1"})
    assert (chosen.web_workers, chosen.web_threads, chosen.proxies) == (4, 2, 1)


def test_url_is_normalised() -> None:
    assert Settings.from_env({"WORTLAUT_ES_URL": "http://es:9200/"}).es_url == "http://es:9200"


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"WORTLAUT_ES_URL": "localhost:9200"}, "WORTLAUT_ES_URL"),
        ({"WORTLAUT_INDEX_PREFIX": "Bad Prefix"}, "WORTLAUT_INDEX_PREFIX"),
        ({"WORTLAUT_ES_PORT": "99999"}, "WORTLAUT_ES_PORT"),
        ({"WORTLAUT_PORT": "http"}, "WORTLAUT_PORT"),
        ({"WORTLAUT_ES_HEAP": "lots"}, "WORTLAUT_ES_HEAP"),
        ({"WORTLAUT_ES_TIMEOUT": "-3"}, "WORTLAUT_ES_TIMEOUT"),
        ({"WORTLAUT_WEB_WORKERS": "0"}, "WORTLAUT_WEB_WORKERS"),
        ({"WORTLAUT_WEB_THREADS": "many"}, "WORTLAUT_WEB_THREADS"),
        ({"WORTLAUT_PROXIES": "-1"}, "WORTLAUT_PROXIES"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigurationError, match=names):
        Settings.from_env(env)
