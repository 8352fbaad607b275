#!/usr/bin/env python3
"""Slow and idle clients against koubei: is /healthz still answered while they hold connections?

    scripts/bench-connections.py BINARY [BINARY ...] [--slow N] [--seconds S]

For each binary (e.g. a build before and after a change, side by side in one run) it starts
`BINARY serve` on a fresh SQLite file, with the open-file limit many machines default to (1024), then measures fresh-connection GET /healthz (as a load
balancer's health check does) three ways: undisturbed; while N "slowloris" clients each send a
request's headers one line a second and reconnect when cut off; and while N clients connect and
send nothing. Prints a Markdown table: answered probes per second, p50 and p99 latency, and
probes that failed (no answer within 5 s). The flood comes from 127.0.0.1, the probe from
127.0.0.2 (another client). Standard library only; Linux.
"""

import argparse
import asyncio
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

PROBE_TIMEOUT_S = 5.0
SERVER_OPEN_FILES = 1024
# The attackers connect from 127.0.0.1; the probe, an honest client, from another address.
PROBE_ADDRESS = "127.0.0.2"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def probe_once(port: int) -> float | None:
    start = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port, local_addr=(PROBE_ADDRESS, 0)),
            PROBE_TIMEOUT_S,
        )
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), PROBE_TIMEOUT_S)
        writer.close()
        if not status.startswith(b"HTTP/1.1 200"):
            return None
        return time.perf_counter() - start
    except (OSError, asyncio.TimeoutError):
        return None


async def probe(port: int, seconds: float) -> dict:
    latencies, failures = [], 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        took = await probe_once(port)
        if took is None:
            failures += 1
        else:
            latencies.append(took * 1000)
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    return {
        "per_s": len(latencies) / seconds,
        "p50": pick(0.50),
        "p99": pick(0.99),
        "failed": failures,
    }


async def slow_client(port: int, stop: asyncio.Event, send_lines: bool) -> None:
    """Holds a connection; with send_lines, a header line a second and never the blank line."""
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            if send_lines:
                writer.write(b"GET / HTTP/1.1\r\nHost: bench\r\n")
            while not stop.is_set():
                if send_lines:
                    writer.write(b"X-Slow: 1\r\n")
                    await writer.drain()
                try:
                    # Cut off by the server: read returns b"" (then reconnect, as an attacker would).
                    if await asyncio.wait_for(reader.read(1), 1.0) == b"":
                        break
                except asyncio.TimeoutError:
                    pass
            writer.close()
        except OSError:
            await asyncio.sleep(0.2)


async def under_attack(port: int, clients: int, seconds: float, send_lines: bool) -> dict:
    stop = asyncio.Event()
    tasks = [asyncio.create_task(slow_client(port, stop, send_lines)) for _ in range(clients)]
    await asyncio.sleep(3)  # let them connect
    result = await probe(port, seconds)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return result


def start(binary: str, folder: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--addr", f"127.0.0.1:{port}", "--database-url", f"sqlite://{folder}/koubei.db"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: resource.setrlimit(
            resource.RLIMIT_NOFILE, (SERVER_OPEN_FILES, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
        ),
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit(f"{binary} did not start")


async def bench(binary: str, clients: int, seconds: float) -> list[tuple[str, dict]]:
    folder = tempfile.mkdtemp()
    server, port = start(binary, folder)
    try:
        rows = [("undisturbed", await probe(port, seconds))]
        rows.append((f"{clients} slow-header clients", await under_attack(port, clients, seconds, True)))
        rows.append((f"{clients} silent connections", await under_attack(port, clients, seconds, False)))
        return rows
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--slow", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print("| binary | clients | /healthz answered per s | p50 ms | p99 ms | failed probes |")
    print("|---|---|---|---|---|---|")
    for binary in args.binaries:
        for scenario, r in asyncio.run(bench(binary, args.slow, args.seconds)):
            print(
                f"| {os.path.basename(binary)} | {scenario} | {r['per_s']:.0f} | {r['p50']:.1f} | "
                f"{r['p99']:.1f} | {r['failed']} |"
            )


if __name__ == "__main__":
    main()
