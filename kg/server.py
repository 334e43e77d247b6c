"""The local graph server: ArcadeDB from the ``arcadedb-embedded`` wheel, speaking Bolt on 127.0.0.1.

Neo4j 5 cannot be installed here, so ``kg`` runs ArcadeDB's server (its bundled Java runtime and
jars) as a detached process with the Bolt plugin, one database named ``neo4j`` (the driver's
default name), and every listener bound to 127.0.0.1. The same driver code and Cypher then work
against Neo4j (set NEO4J_URI) and against this server.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

from kg import config
from kg.errors import BackendError

HOST = "127.0.0.1"
DATABASE = "neo4j"
MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
# The wheel's own JVM flags (arcadedb_embedded.jvm), as ArcadeDB's server.sh uses them.
JVM_FLAGS = (
    "--add-modules=jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-XX:+UseCompactObjectHeaders",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF-8",
    "-Dpolyglot.engine.WarnInterpreterOnly=false",
)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
USERS_FILE = Path("config") / "server-users.jsonl"  # where ArcadeDB keeps root's password hash

_children: dict[int, subprocess.Popen] = {}  # servers this process launched, to reap them on stop


def _env_password() -> str:
    return os.environ.get("KG_SERVER_PASSWORD") or config.LOCAL_PASSWORD_DEFAULT


def _env_port(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise BackendError(f"{name}={value!r} is not a port number") from None


def _arcadedb_package() -> Path:
    try:
        import arcadedb_embedded
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise BackendError("the local server needs the arcadedb-embedded package: pip install -e .") from exc
    return Path(arcadedb_embedded.__file__).resolve().parent


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie child of ours counts as gone, and is reaped)."""
    child = _children.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        del _children[pid]
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
    return True


@dataclass(frozen=True)
class ServerStatus:
    """What ``kg server status`` shows."""

    running: bool
    pid: int | None
    uri: str
    home: Path


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports free on 127.0.0.1 (bound to port 0 together, then released)."""
    socks = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in socks:
            sock.bind((HOST, 0))
        return [sock.getsockname()[1] for sock in socks]
    finally:
        for sock in socks:
            sock.close()


@dataclass(frozen=True)
class LocalServer:
    """An ArcadeDB server with data under ``home``, reachable over Bolt at :attr:`uri` only from this machine."""

    home: Path
    bolt_port: int = 7687
    http_port: int = 2480
    password: str = field(default_factory=_env_password, repr=False)
    heap: str = "2g"

    def __post_init__(self) -> None:
        object.__setattr__(self, "home", Path(self.home).absolute())

    @classmethod
    def default(cls) -> LocalServer:
        """The project's server: data in ``config.home_dir()``, ports from KG_BOLT_PORT / KG_HTTP_PORT."""
        return cls(
            home=config.home_dir(),
            bolt_port=_env_port("KG_BOLT_PORT", 7687),
            http_port=_env_port("KG_HTTP_PORT", 2480),
        )

    @classmethod
    def on_free_ports(cls, home: Path, **settings) -> LocalServer:
        """A server in ``home`` on two ports now free (for tests and benchmarks beside the default one)."""
        bolt, http = free_ports(2)
        return cls(home=home, bolt_port=bolt, http_port=http, **settings)

    @property
    def uri(self) -> str:
        """Bolt URI of the server."""
        return f"bolt://{HOST}:{self.bolt_port}"

    @property
    def data_dir(self) -> Path:
        return self.home / "arcadedb"

    @property
    def log_file(self) -> Path:
        return self.home / "arcadedb.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "arcadedb.pid"

    def _pid(self) -> int | None:
        """The server's pid if it runs; a stale pid file (process gone, or pid reused) is removed."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            cmdline = []
        ours = MAIN_CLASS.encode() in cmdline and f"-Darcadedb.server.rootPath={self.data_dir}".encode() in cmdline
        if ours and _alive(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def status(self) -> ServerStatus:
        """Whether the server runs (by its pid file), its pid, URI and home."""
        pid = self._pid()
        return ServerStatus(running=pid is not None, pid=pid, uri=self.uri, home=self.home)

    def _command(self) -> list[str]:
        package = _arcadedb_package()
        settings = {
            "arcadedb.server.rootPath": self.data_dir,
            "arcadedb.server.rootPasswordPath": self.data_dir / "root-password",  # read at first start only
            "arcadedb.server.logsDirectory": self.data_dir / "log",
            "arcadedb.server.httpIncomingHost": HOST,
            "arcadedb.server.httpIncomingPort": self.http_port,
            "arcadedb.bolt.host": HOST,
            "arcadedb.bolt.port": self.bolt_port,
            "arcadedb.server.plugins": BOLT_PLUGIN,
            "arcadedb.server.defaultDatabases": f"{DATABASE}[{config.LOCAL_USER}]",
            "arcadedb.bolt.defaultDatabase": DATABASE,
            "arcadedb.ha.enabled": "false",
            "arcadedb.support.autoRegister": "false",
        }
        return [
            str(package / "jre" / "bin" / "java"),
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            *(f"-D{key}={value}" for key, value in settings.items()),
            "-cp",
            str(package / "jars" / "*"),
            MAIN_CLASS,
        ]

    def start(self, timeout: float = 60) -> None:
        """Start the server unless it runs, and wait until database ``neo4j`` answers over Bolt."""
        if self._pid() is None:
            for name, port in (("KG_BOLT_PORT", self.bolt_port), ("KG_HTTP_PORT", self.http_port)):
                if not _port_free(port):
                    raise BackendError(
                        f"cannot start the local graph server: port {HOST}:{port} is taken by another program "
                        f"(stop it, or choose another port with {name})"
                    )
            if len(self.password) < 8:
                raise BackendError("the local graph server needs a password of 8 characters or more (KG_SERVER_PASSWORD)")
            self.data_dir.mkdir(parents=True, exist_ok=True)
            password_file = self.data_dir / "root-password"  # not on the command line, where `ps` shows it
            password_file.unlink(missing_ok=True)
            with os.fdopen(os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
                out.write(self.password)
            with open(self.log_file, "ab") as log:
                log_start = log.tell()
                proc = subprocess.Popen(
                    self._command(),
                    cwd=self.data_dir,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            _children[proc.pid] = proc
            self.pid_file.write_text(f"{proc.pid}\n")
            try:
                self._wait_ready(proc.pid, timeout, log_start)
            except BaseException:
                self.stop()
                raise
            finally:
                password_file.unlink(missing_ok=True)
        else:
            self._wait_ready(self._pid(), timeout, 0)

    def _wait_ready(self, pid: int | None, timeout: float, log_start: int) -> None:
        deadline = time.monotonic() + timeout
        settings = config.GraphSettings(uri=self.uri, user=config.LOCAL_USER, password=self.password, database=DATABASE)
        while True:
            problem = "did not answer"
            if pid is None or not _alive(pid):
                raise BackendError(f"the local graph server exited while starting; {self._log_tail(log_start)}")
            try:
                with connect(settings, local_data=self.data_dir) as driver:
                    driver.execute_query("RETURN 1 AS ok", database_=DATABASE)
                return
            except BackendError as exc:
                if isinstance(exc.__cause__, AuthError):
                    raise
                problem = str(exc)
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:  # e.g. `neo4j` not created yet
                problem = " ".join(str(exc).split())
            if time.monotonic() > deadline:
                raise BackendError(
                    f"the local graph server did not get ready within {timeout:g} s ({problem}); {self._log_tail(log_start)}"
                )
            time.sleep(0.25)

    def _log_tail(self, start: int = 0, lines: int = 15) -> str:
        try:
            with open(self.log_file, "rb") as log:
                log.seek(start)
                text = log.read().decode("utf-8", "replace")
        except OSError:
            text = ""
        tail = "\n".join(text.splitlines()[-lines:]) or "(empty)"
        return f"its log {self.log_file} ends with:\n{tail}"

    def stop(self, timeout: float = 30) -> None:
        """Stop the server: SIGTERM (a clean shutdown), then SIGKILL after ``timeout`` seconds."""
        pid = self._pid()
        if pid is not None:
            for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    break
                deadline = time.monotonic() + wait
                while _alive(pid) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if not _alive(pid):
                    break
            else:
                raise BackendError(f"could not stop the local graph server (pid {pid})")
        self.pid_file.unlink(missing_ok=True)


def ensure_local_server(settings: config.GraphSettings) -> None:
    """Start the project's local server when the settings point at it (no NEO4J_URI) and it is not running."""
    if settings.is_local_default:
        server = LocalServer.default()
        if not server.status().running:
            server.start()


def _password_hint(settings: config.GraphSettings, local_data: Path | None) -> str:
    data = local_data or (LocalServer.default().data_dir if settings.is_local_default else None)
    if data is None or not (data / USERS_FILE).exists():
        return "the user name or the password is wrong"
    return (
        f"the local server keeps the password its data folder {data} was first created with; "
        f"set KG_SERVER_PASSWORD to that password, or reset it: `kg server stop`, delete {data / USERS_FILE}, "
        "then start again to recreate user root with KG_SERVER_PASSWORD"
    )


def connect(settings: config.GraphSettings, *, local_data: Path | None = None) -> neo4j.Driver:
    """A driver for ``settings`` whose connection and credentials were checked; else a BackendError.

    ``local_data``: the local server's data folder, to explain a password it does not take.
    """
    _check_uri(settings.uri)
    try:
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password), connection_timeout=10)
    except (ConfigurationError, ValueError) as exc:
        raise BackendError(f"NEO4J_URI={settings.uri!r} is not a Bolt URI: {exc}") from exc
    try:
        driver.verify_connectivity()
    except (ServiceUnavailable, ValueError) as exc:  # ValueError: an address that does not resolve
        driver.close()
        detail = " ".join(str(exc).split())
        raise BackendError(
            f"cannot reach the graph server at {settings.uri}: start it with `kg server start` or set NEO4J_URI ({detail})"
        ) from exc
    except AuthError as exc:
        driver.close()
        raise BackendError(
            f"the graph server at {settings.uri} refused user {settings.user}: check NEO4J_USER / NEO4J_PASSWORD "
            f"({_password_hint(settings, local_data)})"
        ) from exc
    except BaseException:
        driver.close()
        raise
    return driver


def _check_uri(uri: str) -> None:
    """A Bolt URI (the driver would also take http://, then fail on a missing package), with a host and a valid port."""
    parts = urlsplit(uri)
    try:
        port_ok = parts.port is None or 0 < parts.port
    except ValueError:  # not a number, or over 65535
        port_ok = False
    if parts.scheme not in BOLT_SCHEMES or not parts.hostname or not port_ok:
        raise BackendError(f"NEO4J_URI={uri!r} is not a Bolt URI: use bolt://HOST:7687 (or neo4j://, bolt+s://, neo4j+s://)")
