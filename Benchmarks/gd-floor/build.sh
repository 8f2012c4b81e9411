#!/bin/sh
# Builds the bare-libgd floor benchmark (needs libgd-dev and a C compiler).
set -eu
cd "$(dirname "$0")"
cc -O2 -o floor floor.c $(pkg-config --cflags --libs gdlib) -lm
echo "built $(pwd)/floor; run: ./floor [iterations] [font] [zlib level]"
