"""Bad input is named and skipped, outputs are atomic, and any Unicode is safe to ingest and extract."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.ingest as ingest
from kg.export import write_outputs
from kg.extract import extract_mentions
from kg.ingest import decode_bytes, normalise, read_documents

from conftest import SEEDS


def test_each_bad_input_is_named_with_its_reason(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("攸县人民法院开展普法宣传。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "oneline.txt").write_text("社" * 2_100_000, encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(b"a" * 7_100_000)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub")
    monkeypatch.setattr(ingest, "MAX_BYTES", 7_000_000)  # a smaller limit than the real 64 MB, for speed
    docs, skipped = read_documents([tmp_path])
    assert [Path(d.path).name for d in docs] == ["ok.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"] or "undecodable" in reasons["binary.txt"]
    assert "single line" in reasons["oneline.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "broken" in reasons["dangling.txt"]
    assert "fifo.txt" in reasons
    assert "symlink loop" in reasons["loop"]


def test_strict_fails_on_any_skip_and_normal_mode_builds(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("攸县人民法院开展普法宣传。\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    run = lambda *extra: subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "--out",
                                         str(tmp_path / "out"), "-q", "--no-validate", *extra],
                                        capture_output=True, text=True, timeout=300)
    strict = run("--strict")
    assert strict.returncode == 1 and "empty.txt: empty file" in strict.stderr
    normal = run()
    assert normal.returncode == 0 and (tmp_path / "out" / "graph.ttl").is_file()
    assert sorted(p.name for p in src.iterdir()) == ["empty.txt", "ok.txt"]  # nothing written beside the input


def test_killed_build_leaves_no_half_written_graph(tmp_path):
    out = tmp_path / "out"
    ok = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(out), "-q", "--no-validate"],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0
    before = (out / "graph.ttl").read_bytes()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "--out", str(out), "-q",
                             "--no-cache", "--no-validate"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not any(p.name.startswith("graph.ttl.") or ".tmp" in p.name
                                             for p in out.iterdir()):
        if proc.poll() is not None:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = (out / "graph.ttl").read_bytes()
    assert after == before  # the old complete file, or the new complete one (same input, same bytes)


@pytest.fixture
def forked(monkeypatch):
    """Write Turtle/TriG in a forked child whatever the graph's size.

    Earlier tests may leave an idle Dask offload thread behind, which makes
    ``can_fork`` choose the serial path; the writer child never touches Dask.
    """
    from kg import export

    if not hasattr(os, "fork"):
        pytest.skip("no os.fork on this platform")
    monkeypatch.setattr(export, "FORK_MIN_EDGES", 0)
    monkeypatch.setattr(export, "can_fork", lambda: True)


def test_failing_forked_writer_fails_the_write_with_its_error(seed_build, tmp_path, monkeypatch, forked):
    from kg import export
    from kg.background import ChildFailed


    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export, "write_rdf", broken)
    with pytest.raises(ChildFailed, match="(?s)writing graph.ttl and graph.trig failed.*RuntimeError: disk on fire"):
        export.write_outputs(seed_build, tmp_path, workers=2)
    assert not (tmp_path / "graph.ttl").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_failure_beside_the_forked_writer_stops_it_and_leaves_no_temporary_file(seed_build, tmp_path, monkeypatch,
                                                                                forked):
    from kg import export

    real = export.write_rdf

    def slow(*args, **kwargs):  # still writing when the parent fails
        time.sleep(30)
        return real(*args, **kwargs)

    def broken(*args, **kwargs):
        raise OSError("no space left")

    monkeypatch.setattr(export, "write_rdf", slow)
    monkeypatch.setattr(export, "write_json_of", broken)  # written by the parent
    t0 = time.perf_counter()
    with pytest.raises(OSError, match="no space left"):
        export.write_outputs(seed_build, tmp_path, workers=2)
    assert time.perf_counter() - t0 < 20  # the child was terminated, not waited for
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") or p.name == "graph.ttl"]


def test_forked_and_serial_writes_are_byte_identical(seed_build, tmp_path, forked):
    a = write_outputs(seed_build, tmp_path / "a", workers=1)
    b = write_outputs(seed_build, tmp_path / "b", workers=2)
    assert seed_build.stats["rdf_writer"]["cpu_s"] >= 0
    for key in a:
        assert a[key].read_bytes() == b[key].read_bytes(), key


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_value_error(data):
    try:
        text, _ = decode_bytes(data)
    except ValueError:
        return
    assert len(normalise(text)) == len(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_any_text_gives_valid_offsets(res, text):
    for m in extract_mentions(text, res):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


def test_no_fork_when_available_memory_is_below_the_resident_size(tmp_path):
    # A forked writer copies the pages it touches; with too little memory left the
    # outputs are written in turn instead of risking the machine's memory.
    import os

    from kg.background import memory_allows_fork

    if not os.path.exists("/proc/self/statm"):
        pytest.skip("needs /proc")
    tight = tmp_path / "meminfo"
    tight.write_text("MemTotal: 1000 kB\nMemAvailable: 1 kB\n", encoding="ascii")
    roomy = tmp_path / "meminfo2"
    roomy.write_text("MemAvailable: 999999999999 kB\n", encoding="ascii")
    assert memory_allows_fork(str(tight)) is False
    assert memory_allows_fork(str(roomy)) is True
    assert memory_allows_fork(str(tmp_path / "missing")) is True  # no figure, no limit
    with open("/proc/self/statm", encoding="ascii") as fh:
        resident_kb = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    between = tmp_path / "meminfo3"  # room for one more copy of this process, not for two
    between.write_text(f"MemAvailable: {int(resident_kb * 1.5)} kB\n", encoding="ascii")
    assert memory_allows_fork(str(between)) is True
    assert memory_allows_fork(str(between), factor=2.0) is False
