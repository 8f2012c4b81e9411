#!/usr/bin/env python3
"""Where `lossatlas generate` spends its CPU, by phase, from a `perf record -g` profile.

    perf record -F 499 -g -o /tmp/gen.data .build/release/lossatlas generate --out /tmp/m --quiet
    python3 Benchmarks/profile/phases.py /tmp/gen.data .build/release/lossatlas [499]
    python3 Benchmarks/profile/phases.py /tmp/gen.data .build/release/lossatlas 499 --top 60   # heaviest frames, inclusive
    python3 Benchmarks/profile/phases.py /tmp/gen.data .build/release/lossatlas 499 --within ViewSamples.init
        # the self frames (leaf functions) of the samples whose stack holds that marker

perf 6.1 on the project's machine does not resolve the release binary's
symbols ("build id ... not found, continuing without symbols"), so this maps
the addresses of `perf script` itself with `nm` and `swift demangle`. Each
sample is counted once, in the first phase (in the order below) whose marker
appears anywhere on its call stack. CPU seconds = samples / frequency.
Needs only python3, perf, nm and swift (no packages).
"""
import bisect
import collections
import re
import subprocess
import sys

PHASES = [
    ("whole-domain search: function evaluations", "DomainSearch.Accumulator.evaluate"),
    # Since perf-search every evaluation of the search goes through Setting.at
    # (a vector loss's value line has no Accumulator.evaluate frame).
    ("whole-domain search: function evaluations", "DomainSearch.Accumulator.Setting.at"),
    # Since perf-settings the settings of a vector loss are evaluated together
    # through its settings line, called from the search without Setting.at.
    ("whole-domain search: function evaluations", ".settingsLine("),
    ("whole-domain search: the rest", "DomainSearch.run"),
    ("formula check (side thread)", "FormulaCheck.run"),
    ("golden-vector accuracy (side thread)", "GoldenVectors"),
    ("errata claims (side thread)", "ClaimEvaluator"),
    ("facts: precision study", "PrecisionStudy.run"),
    ("facts: gradient through depth (chain)", "GradientDepth.simulate"),
    ("facts: naive-formula scans", "naiveFailures"),
    ("facts: empirical minimiser", "EmpiricalMinimiser"),
    ("facts: other", "CatalogAnalysis.facts"),
    ("gain simulation (256 x 256 x 50, 6 seeds)", "GainSimulation"),
    ("gain model", "GradientGain.compute"),
    ("view sampling (ViewSamples)", "ViewSamples.init"),
    ("property engine, rest", "PropertyEngine.analyze"),
    ("figure building (curve sampling, geometry, words; once per edition)", "ManualFigures.built"),
    ("figure rendering (PNG, SVG)", "FigureFiles.init"),
    ("pages: first-use English glosses (Chinese edition)", "FirstUse."),
    ("pages: mustache, outline, tidy", "ManualGenerator.render("),
    ("data exports", "DataExport."),
    ("writer", "OutputWriter"),
    ("analysis, other", "CatalogAnalysis.run"),
]


def main():
    data, binary = sys.argv[1], sys.argv[2]
    hz = float(sys.argv[3]) if len(sys.argv) > 3 and not sys.argv[3].startswith("--") else 499.0
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 0
    within = sys.argv[sys.argv.index("--within") + 1] if "--within" in sys.argv else None
    leaves = collections.Counter()
    inside = 0
    syms = []
    for line in subprocess.run(["nm", "-n", binary], capture_output=True, text=True).stdout.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "tTwW":
            syms.append((int(p[0], 16), p[2]))
    addrs = [a for a, _ in syms]
    names = sorted({n for _, n in syms})
    demangled = subprocess.run(
        ["swift", "demangle", "--simplified", "--compact"], input="\n".join(names), capture_output=True, text=True
    ).stdout.splitlines()
    readable = dict(zip(names, demangled))

    def symbol(ip):
        i = bisect.bisect_right(addrs, ip) - 1
        return readable.get(syms[i][1], syms[i][1]) if i >= 0 else "?"

    out = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym,dso"], capture_output=True, text=True).stdout
    phases = collections.Counter()
    frames = collections.Counter()
    total = 0
    for block in out.split("\n\n"):
        stack = []
        for line in block.strip().splitlines():
            m = re.match(r"\s*([0-9a-f]+) (.*) \((.*)\)$", line)
            if not m:
                continue
            ip, sym, dso = int(m.group(1), 16), m.group(2), m.group(3)
            stack.append(symbol(ip) if binary.split("/")[-1] in dso else (sym if sym and sym != "[unknown]" else dso.split("/")[-1]))
        if not stack:
            continue
        total += 1
        for name, marker in PHASES:
            if any(marker in f for f in stack):
                phases[name] += 1
                break
        else:
            phases["other (mostly zlib, libpng, FreeType, malloc without a call chain)"] += 1
        for f in set(stack):
            frames[f[:140]] += 1
        if within and any(within in f for f in stack):
            inside += 1
            leaves[stack[0][:140]] += 1
    print(f"{total} samples = {total / hz:.1f} s of CPU at {hz:g} Hz\n")
    print("| phase | share | CPU |\n| --- | --- | --- |")
    for name in list(dict.fromkeys(n for n, _ in PHASES)) + ["other (mostly zlib, libpng, FreeType, malloc without a call chain)"]:
        print(f"| {name} | {100 * phases[name] / total:.1f} % | {phases[name] / hz:.2f} s |")
    if within:
        print(f"\n{inside} samples ({inside / hz:.2f} s) have {within} on their stack; their leaf frames:\n")
        for f, n in leaves.most_common(top or 30):
            print(f"{n / hz:6.3f} s {f}")
    if top:
        print()
        for f, n in frames.most_common(top):
            print(f"{100 * n / total:6.2f}% {f}")


if __name__ == "__main__":
    main()
