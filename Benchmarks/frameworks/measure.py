#!/usr/bin/env python3
"""Measures what PyTorch, JAX, optax and Keras do at the edges, for the
manual's framework statements, and writes data/frameworks/measurements.json.

Run it through `make measure-frameworks` (which builds the pinned venv).
Deterministic: float64 on the CPU, one thread, no random numbers; the same
versions give a byte-identical file. Exits non-zero, naming the measurement,
when any measurement raises, and then writes nothing.
"""

import argparse
import os
import sys

# Before any framework is imported: the CPU only, the JAX backend for Keras,
# one thread (summation order), no GPU probing.
os.environ["KERAS_BACKEND"] = "jax"
os.environ["JAX_PLATFORMS"] = "cpu"
os.environ["CUDA_VISIBLE_DEVICES"] = ""
os.environ["XLA_FLAGS"] = os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen=false"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import datetime  # noqa: E402
import importlib.metadata  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import traceback  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import torch  # noqa: E402

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

import keras  # noqa: E402

keras.config.set_floatx("float64")

import lib  # noqa: E402
import m_jax  # noqa: E402
import m_keras  # noqa: E402
import m_sweep  # noqa: E402
import m_torch  # noqa: E402

PACKAGES = ["torch", "torchvision", "jax", "jaxlib", "optax", "keras", "numpy", "mpmath"]


def versions():
    v = {"python": platform.python_version()}
    for p in PACKAGES:
        v[p] = importlib.metadata.version(p)
    v["keras_backend"] = keras.backend.backend()
    return v


def run_all(only=None):
    records, failures = [], []
    for module in (m_torch, m_jax, m_keras, m_sweep):
        for fn in module.MEASUREMENTS:
            name = f"{module.__name__}.{fn.__name__}"
            if only and only not in name:
                continue
            try:
                out = fn()
                records.extend(out if isinstance(out, list) else [out])
            except Exception:  # every failure is reported, none is swallowed
                failures.append((name, traceback.format_exc()))
    return records, failures


def check(records):
    ids = [r["id"] for r in records]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise lib.MeasurementError(f"duplicate measurement ids: {dup}")
    for r in records:
        for k, v in r["values"].items():
            if isinstance(v, float) and v != v:
                raise lib.MeasurementError(f"{r['id']}.{k} is a bare NaN")


def render(records, measured_on, vers):
    doc = {
        "schema": 1,
        "command": "make measure-frameworks",
        "measured_on": measured_on,
        "platform": f"{platform.system()} {platform.machine()}, CPU, float64",
        "versions": vers,
        "measurements": sorted(records, key=lambda r: r["id"]),
    }
    # sort_keys: stable key order; floats print with repr (round-trip);
    # allow_nan=False: a stray NaN or inf is an error, not invalid JSON.
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="the JSON file to write (data/frameworks/measurements.json)")
    ap.add_argument("--only", help="run only measurements whose module.function contains this text; prints, writes nothing")
    args = ap.parse_args()

    vers = versions()
    print("versions: " + ", ".join(f"{k} {v}" for k, v in vers.items()), flush=True)
    if vers["keras_backend"] != "jax":
        sys.exit(f"error: Keras runs on the {vers['keras_backend']} backend, expected jax")

    records, failures = run_all(args.only)
    if failures:
        for name, tb in failures:
            print(f"\nFAILED {name}\n{tb}", file=sys.stderr)
        sys.exit(f"error: {len(failures)} measurement(s) failed; {args.out} not written")
    check(records)

    if args.only:
        print(json.dumps(sorted(records, key=lambda r: r["id"]), indent=2, sort_keys=True))
        return

    # measured_on is today's date, except when nothing else in the file
    # changed: then the previous date stays, so that re-measuring an
    # unchanged environment leaves the committed file byte-identical.
    today = datetime.date.today().isoformat()
    text = render(records, today, vers)
    if os.path.exists(args.out):
        try:
            with open(args.out, encoding="utf-8") as f:
                old = json.load(f)
            if render(records, old.get("measured_on", today), vers) == render(
                    old["measurements"], old.get("measured_on", today), old["versions"]):
                text = render(records, old["measured_on"], vers)
        except (ValueError, KeyError):
            pass  # an unreadable old file is simply replaced
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + f".tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, args.out)  # atomic: a reader never sees half a file
    print(f"wrote {args.out}: {len(records)} measurements")


if __name__ == "__main__":
    main()
