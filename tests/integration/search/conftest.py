"""The fixture corpus, indexed once for the search tests, and an app reading it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from flask import Flask
from flask.testing import FlaskClient

from search_service.compounds import CompoundSplitter
from search_service.indices import IndexNames, delete_all
from search_service.search import Searcher
from search_service.settings import Settings
from tests.corpus import corpus_fixture_names
from web.app import create_app


@pytest.fixture(scope="session")
def corpus(es: Elasticsearch, settings: Settings, splitter: CompoundSplitter
           ) -> Iterator[IndexNames]:
    names = corpus_fixture_names(es, settings.index_prefix, splitter)
    try:
        yield names
    finally:
        delete_all(es, names)


@pytest.fixture(scope="session")
def searcher(es: Elasticsearch, corpus: IndexNames, splitter: CompoundSplitter) -> Searcher:
    return Searcher(es, corpus, splitter)


@pytest.fixture(scope="session")
def app(settings: Settings, corpus: IndexNames) -> Flask:
    return create_app(dataclasses.replace(settings, index_prefix=corpus.prefix))


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
