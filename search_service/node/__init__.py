"""A local, throwaway Elasticsearch for development and tests: a single node
(:mod:`.process`) or a cluster of several nodes (:mod:`.cluster`).

Used only when ``WORTLAUT_ES_URL`` is not set. The official server distribution
is fetched once into a cache folder, each node gets its own config, data and log
folders, binds to 127.0.0.1, and is stopped with its whole process group.
"""
