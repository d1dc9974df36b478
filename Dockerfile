# careerbot in a container: `docker build -t careerbot .`, then
#   docker run --rm --env-file .env -p 3000:3000 careerbot          # the chat adapters (serve)
#   docker run --rm -it careerbot console                          # the console
# A digest config can be mounted and named with CAREERBOT_CONFIG.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY knowledge ./knowledge
RUN pip install --no-cache-dir . && useradd --create-home careerbot
USER careerbot
EXPOSE 3000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz')"
ENTRYPOINT ["careerbot"]
CMD ["serve", "--port", "3000"]
