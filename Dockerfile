# careerbot in a container. Build: `docker build -t careerbot .`; run:
#   docker run --rm --env-file .env -p 3000:3000 -v careerbot-state:/data careerbot   # serve
#   docker run --rm -it careerbot console                                               # console
# /data is the working directory and a volume: put careerbot.yaml (digest config) there; its
# relative database path (state) then lands in the volume too. Settings: README, "Settings".
ARG BASE_IMAGE=python:3.11-slim

# Stage 1: build the wheel from the checkout (the same artifact CI tests).
FROM ${BASE_IMAGE} AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY knowledge ./knowledge
RUN python -m pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

# Stage 2: install only the wheel; run as a numeric non-root user.
FROM ${BASE_IMAGE}
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 CAREERBOT_CACHE_DIR=/tmp/careerbot-cache
COPY --from=build /dist /dist
# With the postgres extra, so CAREERBOT_DATABASE_URL (replicas on one PostgreSQL) works here too.
# The wheel is the one just built (a file, so DL3013's version pin does not apply).
# hadolint ignore=DL3013
RUN for whl in /dist/careerbot-*.whl; do python -m pip install --no-cache-dir "${whl}[postgres]"; done \
    && rm -rf /dist \
    && mkdir /data && chown 10001:10001 /data
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"]
ENTRYPOINT ["careerbot"]
CMD ["serve", "--port", "3000"]
