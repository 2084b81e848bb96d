"""CPU seconds and peak memory per process group over one phase (psutil and /proc).

Groups: the stack's processes by name, the PostgreSQL backends serving each bench connection (found
by application_name in pg_stat_activity), PostgreSQL's background processes, and the load
generators (which report their own figures). Peak memory is the largest total resident set of a
group's live processes over the phase's samples (every --poll seconds), or the kernel's exact
peak (VmHWM, reset at the phase's start) for a one-process group. For PostgreSQL processes it
excludes shared memory, which is shared_buffers that every backend maps and would count many times.
"""

import contextlib
import os
import time
from collections import defaultdict
from pathlib import Path

import psutil

PG_GROUPS = {
    "bench-bridge": "pg: bridge", "bench-daphne": "pg: daphne", "bench-copy": "pg: copy",
    "bench-poller": "pg: bench poller", "bench-main": "pg: bench main",
}  # fmt: skip


def peak_rss_kb(pid: int | str = "self") -> int:
    """VmHWM: the process's peak resident set since it started or since the last reset."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _reset_peak(pid: int) -> None:
    with contextlib.suppress(OSError):  # "5" resets VmHWM (Linux ≥ 4.0); needs the owner or root
        Path(f"/proc/{pid}/clear_refs").write_text("5")


def _busy(times) -> float:
    """CPU seconds the machine's CPUs spent on anything (guest time is already inside user)."""
    return sum(getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal"))


def _blank() -> dict:
    return {"cpu_s": 0.0, "peak_rss_mb": 0.0, "n": 0}


class Tracker:
    def __init__(self, database: str, poller_connection):
        self.database, self.db = database, poller_connection
        self.members: dict[int, str] = {}
        self.processes: dict[int, psutil.Process] = {}
        self.cpu0: dict[int, float] = {}
        self.cpu1: dict[int, float] = {}
        self.group_peak: dict[str, int] = defaultdict(int)
        self.external: dict[str, dict] = defaultdict(_blank)
        self.last_refresh = 0.0
        self.t0 = self.t1 = 0.0
        self.machine0 = psutil.cpu_times()
        self.postmaster: psutil.Process | None = None
        self.reaped0 = 0.0

    def add(self, group: str, pid: int) -> None:
        if pid in self.members:
            return
        try:
            process = psutil.Process(pid)
            cpu = sum(process.cpu_times()[:2])
        except psutil.Error:
            return
        self.members[pid], self.processes[pid] = group, process
        # A process first seen mid-phase (an autovacuum worker, a new connection) counts from its start.
        self.cpu0[pid] = cpu if self.t0 == 0 else 0.0
        self.cpu1[pid] = cpu
        _reset_peak(pid)

    def refresh_postgres(self) -> None:
        with self.db.cursor() as cursor:
            cursor.execute("SELECT pid, application_name, backend_type, datname FROM pg_stat_activity")
            for pid, app, backend_type, datname in cursor.fetchall():
                if backend_type == "client backend":
                    if datname == self.database:
                        self.add(PG_GROUPS.get(app, "pg: other bench"), pid)
                elif datname in (None, self.database):
                    self.add("pg: background", pid)
                    if self.postmaster is None and pid in self.processes:
                        self.postmaster = self.processes[pid].parent()
        self.last_refresh = time.monotonic()

    def start(self, stack_pids: dict[str, int]) -> None:
        for table in (self.members, self.processes, self.cpu0, self.cpu1, self.group_peak, self.external):
            table.clear()
        self.t0 = 0.0
        for name, pid in {**stack_pids, "bench (this script)": os.getpid()}.items():
            self.add(name, pid)
        self.refresh_postgres()
        self.machine0 = psutil.cpu_times()
        self.reaped0 = self._reaped()
        self.t0 = time.time()

    def _reaped(self) -> float:
        """CPU of the postmaster's children that have exited (any database's connections)."""
        with contextlib.suppress(psutil.Error, AttributeError):
            times = self.postmaster.cpu_times()
            return times.children_user + times.children_system
        return 0.0

    def sample(self) -> None:
        if time.monotonic() - self.last_refresh > 1.0:
            self.refresh_postgres()
        totals: dict[str, int] = defaultdict(int)
        for pid, process in self.processes.items():
            group = self.members[pid]
            with contextlib.suppress(psutil.Error), process.oneshot():
                self.cpu1[pid] = sum(process.cpu_times()[:2])
                memory = process.memory_info()
                totals[group] += memory.rss - (memory.shared if group.startswith("pg:") else 0)
        for group, total in totals.items():
            self.group_peak[group] = max(self.group_peak[group], total // 1024)

    def add_external(self, group: str, cpu_s: float, peak_kb: int) -> None:
        """A load generator's own figures (it may have exited before the phase ended)."""
        entry = self.external[group]
        entry["cpu_s"] += cpu_s
        entry["peak_rss_mb"] += peak_kb / 1024
        entry["n"] += 1

    def stop(self) -> dict[str, dict]:
        self.sample()
        self.t1 = time.time()
        wall = max(self.t1 - self.t0, 1e-9)
        groups: dict[str, dict] = defaultdict(_blank)
        for pid, group in self.members.items():
            groups[group]["cpu_s"] += self.cpu1[pid] - self.cpu0[pid]
            groups[group]["n"] += 1
        for group, entry in groups.items():
            entry["peak_rss_mb"] = self.group_peak[group] / 1024
            pids = [pid for pid, g in self.members.items() if g == group]
            if len(pids) == 1 and not group.startswith("pg:") and self.processes[pids[0]].is_running():
                entry["peak_rss_mb"] = max(entry["peak_rss_mb"], peak_rss_kb(pids[0]) / 1024)
        groups.update(self.external)
        # All CPUs together, and what of it no process above accounts for: other work on the machine
        # (another developer's tests, say), the kernel's own threads, processes that came and went.
        # Connections that came and went between two looks at pg_stat_activity (a connection per
        # request, say): the postmaster collects their CPU when they exit. Less what was listed above.
        exited = [
            pid
            for pid, g in self.members.items()
            if g.startswith("pg:") and not self.processes[pid].is_running()
        ]
        reaped = self._reaped() - self.reaped0 - sum(self.cpu1[pid] for pid in exited)
        groups["pg: exited unseen"] = {"cpu_s": max(0.0, reaped), "n": 0, "peak_rss_mb": 0.0}
        busy = _busy(psutil.cpu_times()) - _busy(self.machine0)
        listed = sum(g["cpu_s"] for g in groups.values())
        groups["machine: busy"] = {"cpu_s": busy, "n": 0, "peak_rss_mb": 0.0}
        # /proc/stat counts busy time by sampling at the timer tick, which misses short bursts on an
        # otherwise idle CPU: below saturation "busy" reads low, so "not listed" is floored at 0.
        groups["machine: not listed"] = {"cpu_s": max(0.0, busy - listed), "n": 0, "peak_rss_mb": 0.0}
        return {
            name: {
                "processes": g["n"],
                "cpu_s": round(g["cpu_s"], 2),
                "cores": round(g["cpu_s"] / wall, 2),
                "peak_rss_mb": round(g["peak_rss_mb"], 1),
            }  # fmt: skip
            for name, g in sorted(groups.items())
        }
