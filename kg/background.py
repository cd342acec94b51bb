"""Run one function in a forked child process while this process does other work.

Used to write Turtle and TriG (the costliest outputs), and to validate, beside
JSON and HTML.  The child shares the build copy-on-write: nothing is pickled
but its JSON report.  Before forking the parent's heap is
frozen (``gc.freeze``) so that the parent's own collections do not write to
the shared objects' GC headers (which would copy their pages), and the child
runs with the cyclic GC off (it lives for one function call).

A failing child fails the caller: :class:`ChildFailed` carries the child's
traceback.  If the caller fails or is interrupted, the child is terminated
(SIGTERM, which it turns into an exception so that its temporary files are
removed) and reaped; on Linux the child also gets SIGTERM if the parent dies
(``PR_SET_PDEATHSIG``), so a killed build leaves neither a half-written file nor
a stray writer.  Where ``os.fork`` is missing (Windows), or other threads are
running (forking them is unsafe), :func:`can_fork` is false and callers run
the function in-process instead.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import resource
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any
from contextlib import contextmanager

__all__ = ["ChildFailed", "ChildStats", "can_fork", "in_child", "memory_allows_fork"]

log = logging.getLogger(__name__)

_MAX_REPORT = 16_000  # characters of the child's traceback passed back


class ChildFailed(RuntimeError):
    """The forked child raised (its traceback is in the message) or was killed."""


class ChildStats(dict):
    """Filled when the child has finished: ``cpu_s``, ``wall_s``, ``maxrss_mb`` and ``private_mb``
    (memory the child did not share with the parent, as far as /proc tells).  The function's
    return value is the ``result`` attribute, not an item: the items are figures about the child."""

    result: Any = None


def can_fork() -> bool:
    """True where a fork is available and safe: POSIX, and no other thread but tqdm's idle monitor."""
    if not hasattr(os, "fork"):
        return False
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    return all(type(t).__name__ == "TMonitor" for t in others)


def memory_allows_fork(meminfo: str = "/proc/meminfo", factor: float = 1.0) -> bool:
    """True unless the machine's available memory is below ``factor`` times this process's resident size.

    The child copies the pages it touches (about 70 % of the parent's at 10 MB of
    news), and a child that builds its own graph needs about as much again as the
    parent holds before building it (``factor`` 2): on a graph too big for that,
    writing in turn is slower but cannot run the machine out of memory.  Where
    /proc is missing, no limit is known.
    """
    try:
        with open(meminfo, encoding="ascii") as fh:
            avail_kb = next(int(line.split()[1]) for line in fh if line.startswith("MemAvailable:"))
        with open("/proc/self/statm", encoding="ascii") as fh:
            resident_kb = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, StopIteration, ValueError, IndexError):
        return True
    return avail_kb >= factor * resident_kb


@contextmanager
def in_child(fn: Callable[..., object], *args, what: str = "background task") -> Iterator[ChildStats]:
    """Run ``fn(*args)`` in a forked child for the duration of the ``with`` block.

    On leaving the block normally, waits for the child and raises
    :class:`ChildFailed` if it failed.  On leaving by an exception, terminates
    the child first.  Yields a :class:`ChildStats` filled once the child is
    reaped; ``fn``'s return value, which must be JSON-serialisable (a validation
    result as a dict, say; None for a function whose effects are files), is its
    ``result`` attribute.
    """
    stats = ChildStats()
    was_frozen = gc.get_freeze_count() > 0
    gc.freeze()  # the parent's collections must not touch (and so copy) the shared pages
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # else the child could write the parent's buffered text again
        except (AttributeError, ValueError, OSError):
            pass
    r, w = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(r)
        _run_child(fn, args, w, parent)
    os.close(w)
    try:
        try:
            yield stats
            report = _read_all(r)  # until the child exits (it closes its end then)
            _, status = os.waitpid(pid, 0)
        except BaseException:  # the caller failed or was interrupted: stop the child too
            _terminate(pid)
            raise
        finally:
            os.close(r)
    finally:
        if not was_frozen:
            gc.unfreeze()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        detail = report.strip() or (f"killed by signal {-code}" if code < 0 else f"exit status {code}")
        raise ChildFailed(f"{what} failed in its child process (pid {pid}):\n{detail}")
    try:
        figures = json.loads(report)
    except ValueError:
        figures = {}
    stats.result = figures.pop("result", None)
    stats.update(figures)
    log.debug("%s in child %d: %s", what, pid, dict(stats))


def _run_child(fn, args, w: int, parent: int) -> None:
    status = 1
    try:
        gc.disable()
        signal.signal(signal.SIGTERM, _exit_on_signal)
        _die_with(parent)
        c, t = time.process_time(), time.perf_counter()
        result = fn(*args)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        report = json.dumps({"cpu_s": round(time.process_time() - c, 2), "wall_s": round(time.perf_counter() - t, 2),
                             "maxrss_mb": usage.ru_maxrss // 1024, "private_mb": _private_mb(), "result": result})
        status = 0
    except BaseException:  # noqa: BLE001 - every failure, SystemExit included, goes back to the parent
        report = traceback.format_exc()[-_MAX_REPORT:]
    try:
        _write_all(w, report.encode("utf-8", "replace"))
    finally:
        os._exit(status)  # no atexit handlers, no flushing of the parent's buffers


def _exit_on_signal(signum, frame):
    raise SystemExit(f"terminated by signal {signum}")  # unwinds, so temporary files are removed


def _die_with(parent: int) -> None:
    """Linux: SIGTERM this process when the parent dies."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        raise SystemExit("parent process exited")


def _private_mb() -> int | None:
    try:
        with open("/proc/self/smaps_rollup") as fh:
            fields = dict(line.split(":", 1) for line in fh if ":" in line)
        kb = sum(int(fields[k].split()[0]) for k in ("Private_Clean", "Private_Dirty"))
        return kb // 1024
    except (OSError, KeyError, ValueError):
        return None


def _terminate(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _read_all(fd: int) -> str:
    parts = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        parts.append(chunk)
    return b"".join(parts).decode("utf-8", "replace")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
