import json
import subprocess
import sys


from kg.cli import EXAMPLES, main, make_parser


def test_every_command_has_help_with_examples():
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(EXAMPLES)
    for name, p in sub.choices.items():
        assert p.description and "examples:" in (p.epilog or "")


def test_extract_per_line(tmp_path, capsys):
    f = tmp_path / "lines.txt"
    f.write_text("攸县人民法院开展普法宣传。\n\n天元区民政局推行“三社联动”。\n", encoding="utf-8")
    assert main(["extract", "--per-line", str(f)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 3 and rows[1] == {"mentions": []}
    assert {"start": 0, "end": 6, "text": "攸县人民法院", "type": "Organization", "entity": "攸县人民法院"} in rows[0]["mentions"]


def test_build_reports_nothing_to_build(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "nothing could be built" in err


def test_build_runs_from_any_directory(tmp_path):
    out = tmp_path / "o"
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", "--out", str(out), "-q", "--no-validate"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert (out / "graph.ttl").is_file() and "entities by type" in r.stdout


def test_query_command_on_a_built_graph(seed_build, tmp_path, capsys):
    from kg.export import write_outputs

    write_outputs(seed_build, tmp_path)
    assert main(["query", str(tmp_path), "places_in_district", "--bind", "district=天元区", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "泰山路街道" in out and "张家园社区" in out and "华垅社区" not in out
    assert main(["query", "--list"]) == 0
    assert "places_in_district" in capsys.readouterr().out


def test_export_and_analyze_commands(seed_build, tmp_path, capsys):
    import networkx as nx

    from kg.export import write_outputs

    write_outputs(seed_build, tmp_path)
    assert main(["export", str(tmp_path)]) == 0
    g = nx.read_graphml(tmp_path / "graph.graphml")
    assert g.number_of_nodes() == seed_build.graph.number_of_nodes()
    assert main(["analyze", str(tmp_path), "--top", "5"]) == 0
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# ")


def test_extract_gives_canonical_entities(tmp_path, capsys):
    f = tmp_path / "t.txt"
    f.write_text("天元区法院开展普法宣传，市公安局推行“一盔一带”。\n", encoding="utf-8")
    assert main(["extract", "--per-line", str(f)]) == 0
    rows = json.loads(capsys.readouterr().out.splitlines()[0])["mentions"]
    assert {(r["text"], r["entity"]) for r in rows} >= {("天元区法院", "天元区人民法院"), ("市公安局", "株洲市公安局")}
