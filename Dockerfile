# careerbot in a container: `docker build -t careerbot .` then
# `docker run --rm -it careerbot` for the console, or pass a command: `docker run --rm careerbot roles`.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY knowledge ./knowledge
RUN pip install --no-cache-dir . && useradd --create-home careerbot
USER careerbot
ENTRYPOINT ["careerbot"]
