def test_version(cli):
    r = cli("--version", index=False)
    assert r.rc == 0 and r.stdout.startswith("replycli ")


def test_search_examples(ecli):
    r, hits = ecli.jsonl("search", "青川钢铁")
    assert r.rc == 0, r
    assert hits and all("青川钢铁" in "".join(h["snippets"]).replace("«", "").replace("»", "") for h in hits)
