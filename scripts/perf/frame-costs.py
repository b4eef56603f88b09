#!/usr/bin/env python3
"""What a playing diagram's frames cost, from a trace that `scripts/perf/browser.mjs --trace-dir`
wrote: the frames' main-thread work as the report counts it (p50, p95), and for the frames at or
above the p95, the self time of each trace event name summed over them, so the heaviest parts of
the expensive frames come first.

Usage: python3 scripts/perf/frame-costs.py TRACE.json [TOP]
"""
import collections
import json
import sys


def main(path, top):
    events = json.load(open(path))["traceEvents"]
    marks = sorted((e for e in events if e.get("name") == "joblab-frame"), key=lambda e: e["ts"])
    pid, tid = marks[0]["pid"], marks[0]["tid"]
    xs = sorted(
        (e for e in events if e.get("ph") == "X" and e["pid"] == pid and e["tid"] == tid and "dur" in e),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    # Top-level tasks, as browser.mjs's frameWork takes them.
    tops = []
    for e in xs:
        if not tops or e["ts"] >= tops[-1]["ts"] + tops[-1]["dur"]:
            tops.append(e)
    bounds = []
    for m in marks:
        task = next((x for x in tops if x["ts"] <= m["ts"] <= x["ts"] + x["dur"]), None)
        bounds.append(task["ts"] + task["dur"] if task else m["ts"])
    frames = []
    for k in range(1, len(bounds)):
        sel = [x for x in tops if bounds[k - 1] < x["ts"] <= bounds[k]]
        frames.append((sum(x["dur"] for x in sel) / 1000, sel))
    work = sorted(w for w, _ in frames)
    pct = lambda p: work[min(len(work) - 1, int(round(p / 100 * (len(work) - 1))))]
    p95 = pct(95)
    heavy = [sel for w, sel in frames if w >= p95]
    print(f"{path}: {len(frames)} frames, work p50 {pct(50):.1f} ms, p95 {p95:.1f} ms, max {work[-1]:.1f} ms;"
          f" {len(heavy)} frames at or above the p95")
    self_ms = collections.Counter()
    for sel in heavy:
        for t in sel:
            inner = [e for e in xs if e["ts"] >= t["ts"] and e["ts"] + e["dur"] <= t["ts"] + t["dur"]]
            # Self time: an event's duration less that of the events directly inside it.
            stack = []
            for e in inner:
                while stack and e["ts"] >= stack[-1]["ts"] + stack[-1]["dur"]:
                    stack.pop()
                if stack:
                    self_ms[stack[-1]["name"]] -= e["dur"] / 1000
                self_ms[e["name"]] += e["dur"] / 1000
                stack.append(e)
    for name, v in self_ms.most_common(top):
        print(f"{v / len(heavy):9.2f} ms/frame  {name}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15)
