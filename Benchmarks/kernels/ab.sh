#!/bin/sh
# Interleaved A/B of two catalog-bench binaries on one core (issue 10, section 4):
#   Benchmarks/kernels/ab.sh OLD NEW ids [rounds]
# runs OLD, NEW, OLD, NEW, ... `rounds` times each (default 5), every run
# `taskset -c 1 <binary> 1000000 7 <ids>` (min of 7 sweeps per id), and prints
# per id the 5 figures of each binary and their medians, with the load
# average before and after.
set -eu
old=$1 new=$2 ids=$3 rounds=${4:-5}
out=$(mktemp -d)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
while [ "$i" -lt "$rounds" ]; do
  taskset -c 1 "$old" 1000000 7 "$ids" | awk -F'|' 'NR > 2 && NF > 4 { gsub(/ /, ""); print $2, $4 }' >> "$out/old"
  taskset -c 1 "$new" 1000000 7 "$ids" | awk -F'|' 'NR > 2 && NF > 4 { gsub(/ /, ""); print $2, $4 }' >> "$out/new"
  i=$((i + 1))
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| id | old: ns/point, $rounds runs | old median | new: ns/point, $rounds runs | new median | new / old |"
echo "| --- | --- | --- | --- | --- | --- |"
for id in $(echo "$ids" | tr ',' ' '); do
  o=$(awk -v id="$id" '$1 == id { print $2 }' "$out/old" | sort -n | tr '\n' ' ')
  n=$(awk -v id="$id" '$1 == id { print $2 }' "$out/new" | sort -n | tr '\n' ' ')
  om=$(echo "$o" | awk '{ print $(int((NF + 1) / 2)) }')
  nm=$(echo "$n" | awk '{ print $(int((NF + 1) / 2)) }')
  echo "| $id | $o| $om | $n| $nm | $(awk -v a="$nm" -v b="$om" 'BEGIN { printf "%.2f", a / b }') |"
done
rm -r "$out"
