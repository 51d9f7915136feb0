"""Benchmarks: Wortlaut's layers measured against raw Elasticsearch (see README.md)."""
