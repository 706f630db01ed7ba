#!/usr/bin/env python3
"""Prints the RESULTS.md table rows from a JMH JSON result file (bench/results/jmh-parser.json).

ns/line is the JMH score (each op is one line); bytes/line is the input file's size over its line
count (as wc -c / wc -l), so MB/s (10^6 B/s) is the input rate the code keeps up with.
Usage: bench/results-table.py [bench/results/jmh-parser.json] (run from the repository root)
"""
import json
import os
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "bench/results/jmh-parser.json"
root = os.environ.get("CTSCOPE_ROOT", os.getcwd())
print("| benchmark | input | lines | bytes/line | ns/line (±99.9%) | M lines/s | MB/s | B/op (alloc.rate.norm) |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for r in json.load(open(path)):
    f = r["params"]["file"]
    raw = open(f if os.path.isabs(f) else os.path.join(root, f), "rb").read()
    n = raw.count(b"\n") + (0 if raw.endswith(b"\n") or not raw else 1)
    bpl = len(raw) / n
    ns = r["primaryMetric"]["score"]
    err = r["primaryMetric"]["scoreError"]
    norm = r["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    name = r["benchmark"].split(".")[-2]
    print(f"| {name} | `{os.path.basename(f)}` | {n} | {bpl:.1f} | {ns:.1f} ± {err:.1f} | {1e3 / ns:.2f} | {bpl / ns * 1e3:.0f} | {norm:.3f} |")
