# Park IOC — one image for web, worker, beat and the MQTT bridge (the command differs).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    IOC_VAR_DIR=/var/lib/park-ioc \
    STATIC_ROOT=/srv/static

WORKDIR /srv/park-ioc
# Report PDFs (WeasyPrint): Pango to lay out the text, HarfBuzz's subsetter for the embedded font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY ioc ioc
COPY security security
COPY environment environment
COPY traffic traffic
COPY labour labour
COPY production production
RUN pip install .
COPY . .
RUN useradd --system --home /srv/park-ioc ioc \
    && mkdir -p "$IOC_VAR_DIR/mosquitto" "$STATIC_ROOT" \
    && SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret python manage.py compile_catalogues \
    && SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret python manage.py collectstatic --noinput \
    && chown -R ioc "$IOC_VAR_DIR" "$STATIC_ROOT"
USER ioc
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "ioc.asgi:application"]
