"""`checker claims`: how the checker read each sentence, its quantity frames and bindings.

For a reviewer asking "why did it bind these numbers?" and a developer tuning cues and schemas:
every statistic's frame (role, direction, cue, metric, dimension), every candidate binding with
its score and features, and which bindings were selected (with their charitable alternatives).
"""
from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser("claims", help="show the quantity frames and bindings of each sentence")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--candidates", action="store_true", help="also list every candidate binding, not only the selected")
    p.set_defaults(func=run)


def document_readings(doc, pack) -> dict:
    """The frames and bindings of one document, as plain data (JSON-ready)."""
    from checker.engine import read_claims
    from checker.extract import extract

    ex = extract(doc)
    _, readings = read_claims(ex, pack)
    sentences = []
    for r in readings:
        a, b = ex.norm.span_to_original(r.start, r.end)
        sentences.append({
            "span": [a, b],
            "text": ex.document.text[a:b].strip(),
            "frames": [f.as_dict() for f in r.frames],
            "selected": [{"binding": _binding(best), "alternatives": [_binding(x) for x in alts]} for best, alts in r.selected],
            "candidates": [_binding(c) for c in r.candidates],
        })
    return {"path": doc.path, "language": doc.language, "sentences": sentences}


def _binding(b) -> dict:
    return {"schema": b.schema, "relation": b.relation, "anchor": b.anchor.mention.text.strip(),
            "slots": {k: f.mention.text.strip() for k, f in b.slots.items()}, "score": round(b.score, 2),
            "features": {k: v for k, v in b.features.items() if v}}


def run(args: argparse.Namespace) -> int:
    from checker.reader import read_documents
    from checker.rulepack import load_rulepack

    pack = load_rulepack(tuple(args.rules))
    docs = [document_readings(doc, pack) for doc in read_documents(args.paths)]
    if args.format == "json":
        sys.stdout.write(json.dumps({"documents": docs}, ensure_ascii=False, indent=1) + "\n")
        return 0
    out = sys.stdout
    for d in docs:
        out.write(f"{d['path']} ({d['language']})\n")
        for s in d["sentences"]:
            out.write(f"\n  “{' '.join(s['text'].split())[:160]}”\n")
            for f in s["frames"]:
                extra = " ".join(x for x in (f["direction"] or "", "from" if f["from"] else "", "to" if f["to"] else "",
                                             "同比" if f["comparison"] else "") if x)
                out.write(f"    {f['text']:<18} {f['role']:<15} {extra:<12} cue={f['cue']!r} metric={f['metric']!r} dim={f['dimension']}\n")
            for sel in s["selected"]:
                b = sel["binding"]
                out.write(f"    => {b['relation']} [{b['schema']}] {b['anchor']} {b['slots']} score={b['score']}\n")
                for alt in sel["alternatives"]:
                    out.write(f"       or {alt['slots']} score={alt['score']}\n")
            if args.candidates:
                for c in s["candidates"]:
                    out.write(f"       candidate {c['schema']} {c['anchor']} {c['slots']} score={c['score']} {c['features']}\n")
        out.write("\n")
    return 0
