#!/usr/bin/env python3
"""`joblab check` as CI runs it, timed against peers in the same run (scripts/perf-report.sh):

  - the corpus (every file of a directory) in one process;
  - the corpus as one process per file;
  - a 10 000-document stream on standard input (5 000 copies of a kustomize-style ConfigMap and
    Job, each Job with its own name), written to a temporary file first.

Each figure is the median wall time of --runs runs; each peer's figure is also given as a ratio
to joblab's (peer / joblab: above 1 means joblab is faster). A peer that is not installed is
named and left out. Exit codes are shown, since they say whether a tool read everything.

    python3 scripts/perf/check-peers.py --joblab BIN --corpus DIR [--kubeconform BIN --schemas DIR]
        [--kubectl-validate BIN] [--yamllint BIN] [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

STREAM_DOCS = 10_000

STREAM_PAIR = """apiVersion: v1
kind: ConfigMap
metadata:
  name: reindex-config-{n}
  namespace: search
data:
  BATCH_SIZE: "500"
---
apiVersion: batch/v1
kind: Job
metadata:
  name: reindex-{n}
  namespace: search
spec:
  backoffLimit: 4
  completions: 6
  parallelism: 3
  activeDeadlineSeconds: 600
  ttlSecondsAfterFinished: 3600
  template:
    spec:
      containers:
      - name: reindex
        image: registry.example/reindex:2.0.1
        envFrom:
        - configMapRef:
            name: reindex-config-{n}
        resources:
          requests:
            cpu: 500m
            memory: 256Mi
      restartPolicy: Never
---
"""


def timed(commands, stdin_path=None):
    """Runs the commands one after another; returns (seconds, exit codes)."""
    codes = []
    start = time.perf_counter()
    for command in commands:
        stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        try:
            done = subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            if stdin_path:
                stdin.close()
        codes.append(done.returncode)
    return time.perf_counter() - start, codes


def median_of(runs, commands, stdin_path=None):
    times, codes = [], []
    for _ in range(runs):
        seconds, codes = timed(commands, stdin_path)
        times.append(seconds)
    return statistics.median(times), sorted(set(codes))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--joblab", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--kubeconform")
    parser.add_argument("--schemas")
    parser.add_argument("--kubectl-validate")
    parser.add_argument("--yamllint")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    files = sorted(
        os.path.join(args.corpus, f)
        for f in os.listdir(args.corpus)
        if f.endswith((".yaml", ".yml", ".json"))
    )
    if not files:
        sys.exit(f"error: no manifest in {args.corpus}")
    stream = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
    with stream:
        for n in range(STREAM_DOCS // 2):
            stream.write(STREAM_PAIR.format(n=n))
    stream_bytes = os.path.getsize(stream.name)

    # name -> (command for a list of paths, command for the stream, what it checks); a command
    # for the stream that ends in "-" reads it on stdin, any other gets the stream file's path.
    tools = {"joblab": ([args.joblab, "check"], [args.joblab, "check", "-"], "API-server validation, defaults, warnings")}
    tried = ["joblab"]
    if args.kubeconform and args.schemas and os.path.exists(args.kubeconform):
        location = os.path.join(args.schemas, "{{ .ResourceKind }}{{ .KindSuffix }}.json")
        base = [args.kubeconform, "-strict", "-summary", "-ignore-missing-schemas", "-schema-location", location]
        tools["kubeconform"] = (base, base + ["-"], "strict JSON-schema validation (Job, CronJob schemas of Kubernetes v1.37.2)")
    else:
        print("kubeconform: not measured (not installed: Go is needed; bash scripts/tools.sh perf)")
    if args.kubectl_validate and os.path.exists(args.kubectl_validate):
        # No kube context, so it validates against its built-in schemas, offline. It cannot read
        # stdin (kubectl-validate#32), so it gets the stream as a file.
        base = [args.kubectl_validate]
        tools["kubectl-validate"] = (base, base + [stream.name], "API-server validation from OpenAPI schemas (built-in, Kubernetes 1.30); stream from a file, no stdin")
    else:
        print("kubectl-validate: not measured (not installed: Go is needed; bash scripts/tools.sh perf)")
    if args.yamllint and os.path.exists(args.yamllint):
        base = [args.yamllint, "-d", "relaxed", "-f", "parsable"]
        tools["yamllint"] = (base, base + ["-"], "YAML syntax and style only (relaxed rules)")
    else:
        print("yamllint: not measured (not installed; bash scripts/tools.sh perf)")

    env_note = "no kube config (KUBECONFIG=/nonexistent), so no tool can reach a cluster"
    os.environ["KUBECONFIG"] = "/nonexistent"
    print(env_note)
    print(f"corpus: {len(files)} files in {args.corpus}; stream: {STREAM_DOCS} documents, {stream_bytes:,} bytes; median of {args.runs} runs each")
    print()
    header = f"{'tool':<17} {'corpus, 1 process':>18} {'1 process per file':>19} {'10 000-doc stdin':>17}   exit codes   what it checks"
    print(header)
    results = {}
    for name, (paths_cmd, stdin_cmd, what) in tools.items():
        one, c1 = median_of(args.runs, [paths_cmd + files])
        each, c2 = median_of(args.runs, [paths_cmd + [f] for f in files])
        piped, c3 = median_of(args.runs, [stdin_cmd], stream.name if stdin_cmd[-1] == "-" else None)
        results[name] = (one, each, piped)
        codes = "/".join(",".join(map(str, c)) for c in (c1, c2, c3))
        print(f"{name:<17} {one * 1000:>15.1f} ms {each * 1000:>16.1f} ms {piped * 1000:>14.1f} ms   {codes:<12} {what}")
    base = results["joblab"]
    for name, figures in results.items():
        if name == "joblab":
            continue
        ratios = "  ".join(f"{peer / ours:>6.2f}x" for peer, ours in zip(figures, base))
        print(f"{name + ' / joblab':<30} {ratios}   (above 1: joblab is faster)")
    os.unlink(stream.name)


main()
