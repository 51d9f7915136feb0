"""Wortlaut's Flask app: HTML pages and the /api/v1 JSON API."""
