#!/bin/sh
# Paired timing of the charts renderer against the bare-libgd floor and
# numpy + matplotlib, interleaved in rounds so that machine load affects all
# three alike. Usage: Benchmarks/charts-compare.sh [rounds=3]
set -eu
cd "$(dirname "$0")"
rounds=${1:-3}
gd-floor/build.sh > /dev/null
(cd "$(dirname "$0")" && swift build -c release > /dev/null)
have_mpl=$(python3 -c "import matplotlib" 2>/dev/null && echo yes || echo no)
i=1
while [ "$i" -le "$rounds" ]; do
  echo "== round $i"
  gd-floor/floor 300
  "$(dirname "$0")"/.build/release/charts-bench 300
  if [ "$have_mpl" = yes ]; then python3 matplotlib/bench.py 30; fi
  i=$((i + 1))
done
