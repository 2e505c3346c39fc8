"""Issue 13 items 8 and 9: a damaged index is an error that says what to run,
``replycli check [--repair]``, and the read commands on a read-only index."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys

import pytest

from conftest import EXAMPLES

N_EXAMPLES = len(list(EXAMPLES.glob("*.txt")))


@pytest.fixture
def built(cli, tmp_path):
    corpus = tmp_path / "examples"
    shutil.copytree(EXAMPLES, corpus)
    r = cli("-q", "ingest", corpus, "--workers", 1)
    assert r.rc == 0, r
    return corpus


def whoosh_file(cli, ext):
    (path,) = (cli.index / "whoosh").glob(f"*.{ext}")
    return path


def n_hits(cli, query="答复"):
    r, hits = cli.jsonl("search", query, "--limit", "0")
    return r.rc, len(hits)


def test_healthy_index_checks_ok(cli, built):
    r = cli("check")
    assert r.rc == 0 and f"ok: {N_EXAMPLES} documents" in r.stdout


def test_truncated_segment_file_is_an_error_and_repair_restores_it(cli, built):
    pst = whoosh_file(cli, "pst")
    with open(pst, "r+b") as f:
        f.truncate(1000)
    for args in (("search", "钢铁"), ("show", "01-gxj-2024-41.txt"), ("stats",), ("ingest", built)):
        r = cli(*args)
        assert r.rc == 2, (args, r)
        assert "index damaged" in r.stderr and "replycli check --repair" in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    r = cli("check")
    assert r.rc == 2 and ".pst has 1,000 bytes" in r.stdout and "run: replycli check --repair" in r.stdout
    r = cli("check", "--repair")
    assert r.rc == 0, r
    assert "repaired: dropped 1 damaged Whoosh segments" in r.stdout
    assert n_hits(cli) == (0, N_EXAMPLES)
    assert cli("check").rc == 0


def test_deleted_toc_is_an_error_not_an_empty_index(cli, built):
    for toc in (cli.index / "whoosh").glob("*.toc"):
        toc.unlink()
    r = cli("stats")
    assert r.rc == 2 and "table of contents" in r.stderr and "check --repair" in r.stderr
    r = cli("ingest", built)
    assert r.rc == 2 and "index damaged" in r.stderr
    r = cli("check", "--repair")
    assert r.rc == 0 and "created a new, empty Whoosh index" in r.stdout
    assert n_hits(cli) == (0, N_EXAMPLES)
    r = cli("stats", "--format", "json")
    assert json.loads(r.stdout)["documents"] == N_EXAMPLES


def test_damage_the_manifest_does_not_know_is_found_by_reading(cli, built):
    (cli.index / "whoosh.manifest").unlink()
    trm = whoosh_file(cli, "trm")
    with open(trm, "r+b") as f:
        f.truncate(500)
    r = cli("check")
    assert r.rc == 2 and "cannot be read" in r.stdout
    assert cli("check", "--repair").rc == 0
    assert n_hits(cli) == (0, N_EXAMPLES)


def test_doubled_document_is_found_and_dropped(cli, built):
    from whoosh import index as windex

    ix = windex.open_dir(str(cli.index / "whoosh"), indexname="replies")
    with ix.searcher() as s:
        doc = dict(s.document(path=str(built / "02-nyj-2023-118.txt")))
    w = ix.writer()
    w.add_document(**{**doc, "body": doc["text"]})  # a second copy, as a crash used to leave
    w.commit()
    ix.close()
    r = cli("check")
    assert r.rc == 2 and "1 documents held more than once in Whoosh" in r.stdout
    assert cli("check", "--repair").rc == 0
    r, hits = cli.jsonl("search", "高标准农田")
    assert len(hits) == 1
    assert cli("check").rc == 0


# -- item 9: a read-only index --------------------------------------------------

@pytest.fixture
def read_only_view(tmp_path):
    """A read-only view of a folder: a read-only bind mount as root (who
    ignores permissions), else the permissions."""
    mounts = []

    def make(folder):
        if os.geteuid() != 0:
            for root, dirs, files in os.walk(folder):
                for name in files:
                    os.chmod(os.path.join(root, name), 0o444)
                os.chmod(root, 0o555)
            return folder
        view = tmp_path / "ro-view"
        view.mkdir()
        r = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(view)], capture_output=True)
        if r.returncode != 0:
            pytest.skip("cannot make a read-only folder here (no bind mount as root)")
        mounts.append(view)
        return view

    yield make
    for view in mounts:
        subprocess.run(["umount", str(view)], check=False)
    for root, dirs, files in os.walk(tmp_path):
        os.chmod(root, 0o755)


def test_read_commands_work_on_a_read_only_index(cli, built, read_only_view):
    from conftest import CLI

    ro = CLI(read_only_view(cli.index))
    with pytest.raises(OSError):
        (ro.index / "probe").write_text("x")
    for args in (["stats"], ["show", "01-gxj-2024-41.txt", "--no-text"], ["export", "documents"],
                 ["export", "amounts"], ["companies"], ["programs"], ["errors"], ["search", "钢铁"],
                 ["funding"], ["company", "青川华远"], ["check"]):
        r = ro(*args)
        assert r.rc in (0, 1), (args, r)
        assert "Error" not in r.stderr, (args, r)
    r = ro("ingest", built)
    assert r.rc == 2 and "cannot write the index folder" in r.stderr


def test_check_waits_for_no_ingest(cli, built):
    from replycli.index.store import IngestLock

    with IngestLock(cli.index):
        r = cli("check")
    assert r.rc == 2 and "another replycli ingest is writing this index" in r.stderr


def test_catalog_inconsistencies_are_found_and_repaired(cli, built):
    import sqlite3

    db = sqlite3.connect(cli.index / "catalog.sqlite")
    # a file whose document row is lost, and a document whose file row is lost
    (doc1,) = db.execute("SELECT doc_id FROM files WHERE path LIKE '%01-gxj-2024-41.txt'").fetchone()
    db.execute("DELETE FROM documents WHERE doc_id=?", (doc1,))
    db.execute("DELETE FROM files WHERE path LIKE '%02-nyj-2023-118.txt'")
    db.commit()
    db.close()
    r = cli("check")
    assert r.rc == 2
    assert "1 files recorded as indexed whose document the catalog lacks" in r.stdout
    assert "1 documents that no file holds" in r.stdout
    r = cli("check", "--repair")
    assert r.rc == 0, r
    assert cli("check").rc == 0
    # the lost document is back from its file; the other file is new to the
    # catalog and comes back with the next ingest
    assert n_hits(cli, "揭榜挂帅")[1] == 1
    r = cli("ingest", built, "--format", "json")
    assert json.loads(r.stdout)["indexed"] == 1
    assert n_hits(cli) == (0, N_EXAMPLES) and cli("check").rc == 0
