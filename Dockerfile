# syntax=docker/dockerfile:1
# Langelis API (and, optionally, the static web app). Multi-stage: dependencies are installed in a
# throw-away stage, exactly as locked (requirements/runtime.txt, every file checked against its hash);
# the runtime image holds that virtualenv with the project installed non-editable, and runs as a
# non-root user. Base images are pinned to an exact Python and Debian release; bump them deliberately.

FROM python:3.11.13-slim-bookworm AS deps
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# Dependencies first (their layer is reused until the lock file changes).
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --require-hashes -r requirements/runtime.txt
# Then the project itself: built into a wheel and installed (not editable), without dependencies.
COPY pyproject.toml README.md LICENSE ./
COPY api ./api
COPY migrations ./migrations
RUN pip install --no-deps . && pip check

FROM python:3.11.13-slim-bookworm AS runtime
# The package lives in site-packages, so paths that default to the source tree are set here:
# the database file (demo/SQLite only; set LANGELIS_DATABASE_URL to PostgreSQL in production)
# and the web app served with LANGELIS_SERVE_FRONTEND=true.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LANGELIS_ENVIRONMENT=production \
    LANGELIS_DATABASE_URL=sqlite:////app/var/langelis.db \
    LANGELIS_FRONTEND_DIR=/app/frontend
RUN groupadd --system langelis && useradd --system --gid langelis --home-dir /app --shell /usr/sbin/nologin langelis
WORKDIR /app
COPY --from=deps /opt/venv /opt/venv
COPY frontend ./frontend
RUN mkdir -p /app/var && chown -R langelis:langelis /app/var
USER langelis
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
# Run `langelis migrate` once per release (e.g. as a one-off container, see docker-compose.yml)
# before starting replicas.
CMD ["langelis", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
