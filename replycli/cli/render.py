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


def _folded(con, text, indent: int = 3, first=None):
    """``text`` as lines under an indent of ``indent`` (the first line starts
    with ``first`` instead, when given).

    On a terminal a long line folds at the width, at any character (Chinese
    has no spaces to wrap at; a word wrapper would push a whole clause to the
    next line and leave half lines); piped, it stays one line."""
    from rich.cells import cell_len, get_character_cell_size
    from rich.text import Text

    pad = Text(" " * indent)
    first = pad if first is None else first
    if con.soft_wrap:
        return [first + text]
    width = max(10, con.width - indent)
    cuts, used = [], cell_len(first.plain) - indent
    for i, ch in enumerate(text.plain):
        w = get_character_cell_size(ch)
        if used + w > width:
            cuts.append(i)
            used = 0
        used += w
    lines = list(text.divide(cuts))
    for k in range(1, len(lines)):  # a line does not start with the space it broke at
        while lines[k].plain.startswith(" "):
            lines[k] = lines[k][1:]
    return [(first if k == 0 else pad) + line for k, line in enumerate(lines)]


def _print(con, lines) -> None:
    for line in lines:
        con.print(line, no_wrap=True, overflow="ignore", crop=False)


def _snippet_lines(con, snippets, indent: int = 3):
    """Each snippet on its own line at the full width, the match highlighted:
    in colour on a terminal, else between «» (piped, in a file, NO_COLOR)."""
    from rich.text import Text

    styled = con.is_terminal and not con.no_color
    for sn in snippets:
        yield from _folded(con, Text.from_markup(highlight_markup(sn)) if styled else Text(sn), indent)


def render_hits(hits, con=None) -> int:
    """Search hits as a list, the way ``rg --heading`` and ``gh search`` show
    results: rank, title and date; issuer and path; then each snippet on a
    line of its own. Reads at 80 columns, uses a wider terminal's width (the
    snippets wrap, nothing is cut). Returns how many hits were shown."""
    from rich.text import Text

    con = con or console()
    n = 0
    for h in hits:
        if n:
            con.print()
        n += 1
        rank = f"{h.get('rank') or n}."
        head = Text()
        if h.get("title"):
            head.append(h["title"], style="bold")
        else:
            head.append("(no title)", style="dim")
        if h.get("date"):
            head.append("  " + h["date"], style="green")
        _print(con, _folded(con, head, first=Text(f"{rank:<3}", style="bold")))
        where = Text()
        if h.get("issuer"):
            where.append(h["issuer"], style="cyan")
            where.append("  ")
        where.append(str(display_path(h["path"])), style="magenta")
        _print(con, _folded(con, where))
        _print(con, _snippet_lines(con, h.get("snippets") or []))
    return n


def _render_mentions(con, mentions) -> None:
    """A profile's mentions as a list: one heading per document (date and
    path), then each mention's snippet on its own line."""
    from rich.text import Text

    con.print(Text(f"mentions ({len(mentions)})", style="bold"))
    last = None
    for m in mentions:
        if m["path"] != last:
            last = m["path"]
            con.print()
            head = Text()
            if m.get("date"):
                head.append(m["date"] + "  ", style="green")
            head.append(str(display_path(m["path"])), style="magenta")
            _print(con, _folded(con, head))
        _print(con, _snippet_lines(con, [m["snippet"]], indent=5))
    con.print()


def render_profile(p: dict, what: str, con=None) -> None:
    from rich.table import Table

    con = con or console()
    name = p[what]
    pairs = [("aliases", _fmt(p.get("aliases") or p.get("names"))), ("documents", str(p["documents"])),
             ("years", _fmt(p["years"]))]
    if what == "company":
        pairs += [("programs", _fmt(p["programs"])),
                  ("totals", _fmt([f"{k} {v} 元" for k, v in p["totals"].items()]))]
    else:
        pairs += [("recipients", _fmt(p["recipients"])), ("total", f"{p['total_yuan']} 元")]
    con.print(_kv_table(pairs, title=name))
    if p["mentions"]:
        _render_mentions(con, p["mentions"])
    if p["amounts"]:
        t = Table(title="amounts", header_style="bold")
        for c in ("amount_yuan", "text", "kind", "recipient", "program", "date", "path"):
            t.add_column(c, overflow="fold")
        for a in p["amounts"]:
            t.add_row(*(escape(str(display_path(a.get(c)) or "")) for c in ("amount_yuan", "text", "kind", "recipient", "program", "date", "path")))
        con.print(t)
