# One image for the web app (default command) and the indexer (`wortlaut index DIR`).
# docker-compose.yml also uses it to hand the German hunspell dictionary to Elasticsearch.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# German dictionary: the app reads /usr/share/hunspell (WORTLAUT_HUNSPELL_DIR).
RUN apt-get update \
 && apt-get install -y --no-install-recommends hunspell-de-de \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir .

# Unprivileged user. /dictionaries/de_DE is created here, owned by that user, so that
# a fresh named volume mounted there (compose service `hunspell`) is writable by it.
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/wortlaut wortlaut \
 && mkdir -p /dictionaries/de_DE \
 && chown wortlaut:wortlaut /dictionaries/de_DE
USER wortlaut

ENV WORTLAUT_HOST=0.0.0.0 \
    WORTLAUT_PORT=5000
EXPOSE 5000

# granian: WORTLAUT_WEB_WORKERS processes of WORTLAUT_WEB_THREADS threads (web/server.py).
CMD ["wortlaut", "serve"]
