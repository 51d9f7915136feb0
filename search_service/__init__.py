"""Wortlaut's contract with Elasticsearch: settings, client, index definitions,
German analysis, query building and the local development node."""
