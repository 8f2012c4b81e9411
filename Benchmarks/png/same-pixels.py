#!/usr/bin/env python3
"""Checks that two generated manuals' PNGs show exactly the same pixels.

Usage: same-pixels.py BASELINE_DIR NEW_DIR

Every PNG under BASELINE_DIR must exist under NEW_DIR (and the reverse),
decode (Pillow) to the same size and the same RGBA value at every pixel
(palette and truecolor files are compared after conversion to RGBA, so a
change of encoding is allowed, a change of colour is not). Prints the total
bytes of both sets, the largest growth of one file, and exits non-zero on
any difference. Needs Pillow (e.g. a venv under /tmp); `make test` never
runs it.
"""
import os
import sys

from PIL import Image


def pngs(root):
    found = set()
    for directory, _, files in os.walk(root):
        for name in files:
            if name.endswith(".png"):
                found.add(os.path.relpath(os.path.join(directory, name), root))
    return found


def main():
    old_root, new_root = sys.argv[1], sys.argv[2]
    old, new = pngs(old_root), pngs(new_root)
    problems = [f"only in {old_root}: {p}" for p in sorted(old - new)]
    problems += [f"only in {new_root}: {p}" for p in sorted(new - old)]
    old_bytes = new_bytes = 0
    growth = (0, "")
    changed = 0
    for path in sorted(old & new):
        a_path, b_path = os.path.join(old_root, path), os.path.join(new_root, path)
        a_size, b_size = os.path.getsize(a_path), os.path.getsize(b_path)
        old_bytes += a_size
        new_bytes += b_size
        if b_size - a_size > growth[0]:
            growth = (b_size - a_size, path)
        with open(a_path, "rb") as f:
            a_raw = f.read()
        with open(b_path, "rb") as f:
            b_raw = f.read()
        if a_raw == b_raw:
            continue
        changed += 1
        with Image.open(a_path) as a, Image.open(b_path) as b:
            if a.size != b.size:
                problems.append(f"{path}: size {a.size} -> {b.size}")
                continue
            if a.convert("RGBA").tobytes() != b.convert("RGBA").tobytes():
                problems.append(f"{path}: pixels differ")
    print(f"{len(old & new)} PNGs compared, {changed} with other bytes, all pixels equal: {not problems}")
    print(f"total bytes {old_bytes} -> {new_bytes} ({new_bytes - old_bytes:+d}, "
          f"{100.0 * (new_bytes - old_bytes) / max(old_bytes, 1):+.2f} %)")
    print(f"largest growth of one file: {growth[0]:+d} bytes {growth[1]}")
    for p in problems:
        print("DIFFERENT:", p)
    return 1 if problems or new_bytes > old_bytes else 0


if __name__ == "__main__":
    sys.exit(main())
