# syntax=docker/dockerfile:1
# Langelis API (and, optionally, the static web app). Multi-stage: dependencies are built in a
# throw-away stage; the runtime image holds the virtualenv and the source, and runs as a non-root user.

FROM python:3.11-slim AS deps
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml README.md ./
# Install only the runtime dependencies (the project itself is added in the final stage).
RUN python - <<'PY' > /tmp/requirements.txt
import tomllib
print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))
PY
RUN pip install -r /tmp/requirements.txt

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    LANGELIS_ENVIRONMENT=production
RUN groupadd --system langelis && useradd --system --gid langelis --home-dir /app --shell /usr/sbin/nologin langelis
WORKDIR /app
COPY --from=deps /opt/venv /opt/venv
COPY pyproject.toml README.md alembic.ini ./
COPY api ./api
COPY migrations ./migrations
COPY frontend ./frontend
COPY openapi ./openapi
RUN pip install --no-cache-dir --no-deps -e . \
    && mkdir -p /app/var && chown -R langelis:langelis /app/var
USER langelis
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
# Run `langelis migrate` once per release (e.g. as a one-off container) before starting replicas.
CMD ["langelis", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
