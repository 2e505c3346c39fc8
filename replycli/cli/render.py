"""Rich renderings of single records: a document, statistics, a profile."""
from __future__ import annotations

from rich.markup import escape

from replycli.cli.output import console, display_path, highlight_markup

_META_LABELS = [("title", "标题"), ("issuer", "发文单位"), ("doc_number", "文号"), ("signer", "签发人"),
                ("kind", "类型"), ("session", "会议"), ("proposal_number", "编号"), ("proposers", "提出人"),
                ("proposal_title", "原件标题"), ("date", "日期"), ("result_label", "办理结果"),
                ("public", "公开"), ("role", "办理类型"), ("cc", "抄送"), ("contact", "联系人")]


def _kv_table(pairs, title=None):
    from rich.table import Table

    t = Table(show_header=False, title=title, box=None, padding=(0, 1))
    t.add_column(style="bold")
    t.add_column(overflow="fold")
    for k, v in pairs:
        t.add_row(escape(k), escape(v))
    return t


def _fmt(v):
    if v is None or v == []:
        return "—"
    if isinstance(v, list):
        return "、".join(map(str, v))
    if isinstance(v, bool):
        return "是" if v else "否"
    return str(v)


def render_document(d: dict) -> None:
    con = console()
    source = []
    if d.get("reader") == "ocr":  # say that the text was recognised, and how surely
        conf = d.get("ocr_confidence")
        source = [("来源", f"OCR, {d.get('ocr_pages') or '?'} pages"
                   + (f", mean confidence {conf:.2f}" if isinstance(conf, (int, float)) else ""))]
    con.print(_kv_table([("doc_id", d["doc_id"]), ("path", "\n".join(display_path(p) for p in (d.get("paths") or [d["path"]])))]
                        + [(label, _fmt(d.get(k))) for k, label in _META_LABELS] + source,
                        title=d.get("title") or d["path"]))
    if d.get("outline"):
        con.print("\n[bold]提纲[/]")
        for h in d["outline"]:
            con.print("  " + escape(h))
    if d.get("amounts"):
        from rich.table import Table

        t = Table(title="金额", header_style="bold")
        for c in ("amount_yuan", "text", "kind", "recipient", "program"):
            t.add_column(c, overflow="fold")
        for a in d["amounts"]:
            t.add_row(*(escape(str(a.get(c) or "")) for c in ("amount_yuan", "text", "kind", "recipient", "program")))
        con.print(t)
    if d.get("companies"):
        con.print("[bold]企业[/] " + escape("、".join(c["name"] for c in d["companies"])))
    if d.get("programs"):
        con.print("[bold]项目/政策[/] " + escape("、".join(d["programs"])))
    if d.get("text"):
        con.print()
        con.print(escape(d["text"]))


def render_stats(s: dict) -> None:
    from rich.table import Table

    con = console()
    con.print(f"documents {s['documents']}, files {s['files']}, failed {s['failed']}, amounts {s['amounts']}")
    for key, label in (("by_issuer", "issuer"), ("by_year", "year"), ("by_kind", "kind"), ("by_result", "result")):
        t = Table(title=f"by {label}", header_style="bold")
        t.add_column(label)
        t.add_column("documents", justify="right")
        for r in s[key]:
            t.add_row(escape(_fmt(r["value"])), str(r["documents"]))
        con.print(t)


def render_profile(p: dict, what: str) -> None:
    from rich.table import Table

    con = console()
    name = p[what]
    pairs = [("aliases", _fmt(p.get("aliases") or p.get("names"))), ("documents", str(p["documents"])),
             ("years", _fmt(p["years"]))]
    if what == "company":
        pairs += [("programs", _fmt(p["programs"])),
                  ("totals", _fmt([f"{k} {v} 元" for k, v in p["totals"].items()]))]
    else:
        pairs += [("recipients", _fmt(p["recipients"])), ("total", f"{p['total_yuan']} 元")]
    con.print(_kv_table(pairs, title=name))
    t = Table(title="mentions", header_style="bold")
    for c in ("date", "path", "snippet"):
        t.add_column(c, overflow="fold")
    for m in p["mentions"]:
        t.add_row(escape(m["date"] or ""), escape(display_path(m["path"])), highlight_markup(m["snippet"]))
    con.print(t)
    if p["amounts"]:
        t = Table(title="amounts", header_style="bold")
        for c in ("amount_yuan", "text", "kind", "recipient", "program", "date", "path"):
            t.add_column(c, overflow="fold")
        for a in p["amounts"]:
            t.add_row(*(escape(str(display_path(a.get(c)) or "")) for c in ("amount_yuan", "text", "kind", "recipient", "program", "date", "path")))
        con.print(t)
