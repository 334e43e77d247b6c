"""Settings from the environment (or ``kg`` options): where the graph lives and where files go."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SAMPLE_CORPUS = DATA_DIR / "sample_corpus"
PROJECT_DIR = PACKAGE_DIR.parent
PIPELINES_DIR = PROJECT_DIR / "pipelines"
DEFAULT_BATCH_ARTICLES = 500  # articles merged per load by a streaming build: large transactions, a few MB of rows


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return value if value else default


def home_dir() -> Path:
    """Project-local folder for the local server's data, logs and the build's outputs."""
    return Path(_env("KG_HOME", str(PROJECT_DIR / "var"))).resolve()


# The local server's credentials; change them with KG_SERVER_PASSWORD (see README).
LOCAL_USER = "root"
LOCAL_PASSWORD_DEFAULT = "zhkg-local-dev"


@dataclass(frozen=True)
class GraphSettings:
    """Connection to a Neo4j 5 compatible Bolt server (Neo4j itself, or the local server)."""

    uri: str = field(default_factory=lambda: _env("NEO4J_URI", f"bolt://127.0.0.1:{_env('KG_BOLT_PORT', '7687')}"))
    user: str = field(default_factory=lambda: _env("NEO4J_USER", LOCAL_USER))
    password: str = field(
        default_factory=lambda: _env("NEO4J_PASSWORD", _env("KG_SERVER_PASSWORD", LOCAL_PASSWORD_DEFAULT))
    )
    database: str = field(default_factory=lambda: _env("NEO4J_DATABASE", "neo4j"))

    @property
    def is_local_default(self) -> bool:
        """True when no NEO4J_URI is set: the tool then uses (and may start) the local server."""
        return not os.environ.get("NEO4J_URI")
