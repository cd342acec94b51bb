"""The wheel ships ontology/, seeds/ and queries/ and works from any directory, non-editable."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {r.stderr[-300:]}")
    return next(out.glob("*.whl"))


def test_wheel_contains_package_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("kg/_data/ontology/kg.ttl", "kg/_data/ontology/divisions.tsv", "kg/_data/ontology/suffixes.tsv",
                   "kg/_data/seeds/000_bf2b898b783d9f44.txt", "kg/templates/viewer.html"):
        assert needed in names, needed


def test_installed_wheel_builds_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, timeout=300)
    code = ("import kg, kg.resources as r, sys; "
            "assert str(r.ontology_dir()).startswith(sys.argv[1]), r.ontology_dir(); "
            "from kg.cli import main; sys.exit(main(['build', '--out', 'o', '-q', '--no-validate']))")
    work = tmp_path / "elsewhere"
    work.mkdir()
    r = subprocess.run([sys.executable, "-c", code, str(site)], cwd=work, capture_output=True, text=True,
                       env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert (work / "o" / "graph.ttl").stat().st_size > 10000
