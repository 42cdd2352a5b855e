# zitat: one image for the extractor server (`zitat serve`) and the workers (`zitat worker`).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The CPU build of torch first: installed later as a dependency, pip would pull the CUDA build (GBs).
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

# Dependencies change less often than the code: this layer survives code edits.
COPY pyproject.toml README.md ./
COPY extractor ./extractor
COPY stance ./stance
COPY worker ./worker
COPY zitat ./zitat
RUN pip install . && rm -rf build *.egg-info

# The bundled German models, outside site-packages: ZITAT_MODEL_DIR points at them.
COPY models/de /app/models/de
COPY seeds /app/seeds

RUN useradd --create-home --uid 10001 --user-group zitat \
    && mkdir -p /data && chown zitat:zitat /data
USER zitat

ENV ZITAT_MODEL_DIR=/app/models/de \
    ZITAT_DATA_DIR=/data \
    ZITAT_LOG_FORMAT=json

EXPOSE 50051
CMD ["zitat", "--help"]
