"""Runs the commands of docs/results.tsv and compares each result with the README's figure and floor."""
import json
import subprocess
import sys
import time

ROWS = "docs/results.tsv"


def rows(prefixes):
    out = []
    for line in open(ROWS, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, command, source, key, readme, direction, floor = line.rstrip("\n").split("\t")
        if not prefixes or any(name.startswith(p) for p in prefixes):
            out.append(dict(name=name, command=command, source=source, key=key, readme=float(readme),
                            direction=direction,
                            floor=None if floor == "-" else float(floor)))
    return out


def run(cmd, source):
    """Runs a command; returns its JSON (stdout's last line, or the file it wrote) and its seconds."""
    t0 = time.time()
    print(f"$ {cmd}", file=sys.stderr, flush=True)
    p = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, text=True)
    seconds = time.time() - t0
    if p.returncode != 0 and source == "stdout":
        raise RuntimeError(f"'{cmd}' exited {p.returncode}")
    text = p.stdout.strip().splitlines()[-1] if source == "stdout" else open(source, encoding="utf-8").read()
    return json.loads(text), seconds


def lookup(doc, key):
    for part in key.split("."):
        doc = doc[part]
    return float(doc)


def main(argv):
    todo = rows(argv)
    if not todo:
        raise SystemExit(f"no result in {ROWS} starts with {argv}")
    cache, missed = {}, 0
    print(f"{'result':32} {'now':>8} {'README':>8} {'floor':>8}  verdict")
    for r in todo:
        if r["command"] not in cache:
            try:
                cache[r["command"]] = run(r["command"], r["source"])
            except Exception as e:  # noqa: BLE001 - report and go on with the others
                cache[r["command"]] = (None, str(e))
        doc, info = cache[r["command"]]
        if doc is None:
            print(f"{r['name']:32} {'-':>8} {r['readme']:8.3f} {'-':>8}  FAILED: {info}")
            missed += 1
            continue
        now = lookup(doc, r["key"])
        better = (lambda a, b: a >= b) if r["direction"] == "max" else (lambda a, b: a <= b)
        floor_ok = r["floor"] is None or better(now, r["floor"])
        moved = abs(now - r["readme"]) > 0.02 * max(abs(r["readme"]), 1e-9)
        verdict = ("floor met" if floor_ok else "FLOOR MISSED") + (", moved from the README" if moved else "")
        missed += 0 if floor_ok else 1
        floor = "-" if r["floor"] is None else f"{r['floor']:.3f}"
        print(f"{r['name']:32} {now:8.3f} {r['readme']:8.3f} {floor:>8}  {verdict}  ({info:.0f} s)", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
