"""The local graph server: lifecycle, loopback-only listeners, and clear errors."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from kg.config import LOCAL_USER, GraphSettings
from kg.errors import BackendError
from kg.server import LocalServer, connect, ensure_local_server

LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


def _address(hex_addr: str) -> str:
    """An address from /proc/net/tcp{,6} (little-endian 32-bit words) as text."""
    raw = bytes.fromhex(hex_addr)
    raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw)
    return socket.inet_ntop(socket.AF_INET6, raw)


def listening_sockets(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket in LISTEN state that process ``pid`` holds."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A = LISTEN
                addr, port = local.split(":")
                found.append((_address(addr), int(port, 16)))
    return found


def test_start_status_stop_round_trip(make_server, tmp_path: Path) -> None:
    server = make_server()
    assert server.status().running is False
    server.start()
    try:
        status = server.status()
        assert status.running and status.pid and status.uri == server.uri and status.home == tmp_path
        assert server.pid_file.read_text().strip() == str(status.pid)
        server.start()  # idempotent
        assert server.status().pid == status.pid
        settings = GraphSettings(uri=server.uri, user=LOCAL_USER, password=server.password, database="neo4j")
        with connect(settings) as drv:
            records, _, _ = drv.execute_query("RETURN 1 AS one", database_="neo4j")
            assert records[0]["one"] == 1
            assert "ArcadeDB" in drv.get_server_info().agent
    finally:
        server.stop()
    assert not server.status().running
    assert not server.pid_file.exists()
    assert not Path(f"/proc/{status.pid}").exists()
    server.stop()  # no-op when stopped


def test_stale_pid_file_is_ignored_and_removed(make_server) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    server = make_server()
    server.pid_file.write_text(f"{gone.pid}\n")
    assert server.status().running is False
    assert not server.pid_file.exists()
    server.pid_file.write_text(f"{os.getpid()}\n")  # a live process that is not the server
    assert server.status().running is False
    server.stop()
    assert not server.pid_file.exists()


def test_listeners_bound_to_loopback_only(graph_server: LocalServer) -> None:
    pid = graph_server.status().pid
    assert pid is not None
    listening = listening_sockets(pid)
    ports = {port for _, port in listening}
    assert {graph_server.bolt_port, graph_server.http_port} <= ports
    exposed = [(addr, port) for addr, port in listening if addr not in LOOPBACK]
    assert exposed == [], f"listening beyond 127.0.0.1: {exposed}"


def test_connect_when_server_down_is_clear(free_ports) -> None:
    (port,) = free_ports(1)
    uri = f"bolt://127.0.0.1:{port}"
    with pytest.raises(BackendError, match=f"cannot reach the graph server at {uri}.*kg server start.*NEO4J_URI"):
        connect(GraphSettings(uri=uri, user="root", password="whatever1", database="neo4j"))


def test_connect_with_wrong_password_is_clear(graph_settings: GraphSettings) -> None:
    wrong = GraphSettings(uri=graph_settings.uri, user="root", password="not-the-password", database="neo4j")
    with pytest.raises(BackendError, match=f"the graph server at {graph_settings.uri} refused user root.*NEO4J_PASSWORD"):
        connect(wrong)


def test_restart_with_other_password_says_how_to_fix(make_server, tmp_path: Path) -> None:
    server = make_server(password="first-password")
    server.start()
    server.stop()
    other = make_server(password="second-password")
    with pytest.raises(BackendError, match="first created with.*KG_SERVER_PASSWORD.*server-users.jsonl"):
        other.start()
    assert not other.status().running
    (server.data_dir / "config" / "server-users.jsonl").unlink()  # the documented reset
    other.start()
    other.stop()


def test_port_taken_is_clear(free_ports, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        server = LocalServer(home=tmp_path, bolt_port=busy.getsockname()[1], http_port=free_ports(1)[0])
        with pytest.raises(BackendError, match="is taken by another program.*KG_BOLT_PORT"):
            server.start()
    assert not server.status().running


def test_ensure_local_server_starts_the_default_server(
    free_ports, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bolt, http = free_ports(2)
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    monkeypatch.setenv("KG_BOLT_PORT", str(bolt))
    monkeypatch.setenv("KG_HTTP_PORT", str(http))
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{bolt}")
    ensure_local_server(GraphSettings())  # NEO4J_URI set: not ours to start
    server = LocalServer.default()
    assert (server.home, server.bolt_port, server.http_port) == (tmp_path.resolve(), bolt, http)
    assert not server.status().running
    monkeypatch.delenv("NEO4J_URI")
    try:
        ensure_local_server(GraphSettings())
        pid = server.status().pid
        assert pid is not None
        ensure_local_server(GraphSettings())
        assert server.status().pid == pid
    finally:
        server.stop()
