# syntax=docker/dockerfile:1
# LossAtlas without a Swift toolchain: `lossatlas` on Debian 12 (bookworm).
#
#   docker build -t lossatlas .
#   docker run --rm -v "$PWD:/work" -w /work lossatlas check claims/
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" -w /work lossatlas generate --out manual
#
# Stage 1 builds in the Swift image the project's committed manual is made
# with (Debian 12); stage 2 is debian:bookworm-slim with the only libraries
# the binary links beyond glibc and libstdc++ (libgd3 and what it pulls in)
# and the chart font. The Swift standard library and Foundation are linked
# statically, so no Swift runtime is installed. The same libgd, FreeType and
# zlib as the committed manual's: `generate` here writes the same bytes.

ARG SWIFT_IMAGE=swift:6.3.1-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
# hadolint ignore=DL3008
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgd-dev pkg-config \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# --static-swift-stdlib: libswiftCore, Foundation and Dispatch go into the
# binary. The build stamps VERSION, the source fingerprint and (from .git,
# when the context has it) the commit into `lossatlas --version`.
RUN swift build -c release --product lossatlas --static-swift-stdlib \
  && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/lossatlas" /out/lossatlas \
  && /out/lossatlas --version

FROM ${RUNTIME_IMAGE}
# libgd3: PNG charts (it brings libpng, FreeType, fontconfig, zlib);
# fonts-dejavu-core: the charts' DejaVu Sans, where LossAtlas looks first;
# fonts-wqy-microhei: the Chinese edition's chart text (WenQuanYi Micro Hei).
# hadolint ignore=DL3008
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgd3 fonts-dejavu-core fonts-wqy-microhei \
  && rm -rf /var/lib/apt/lists/* \
  && groupadd --gid 10001 lossatlas \
  && useradd --uid 10001 --gid 10001 --create-home --home-dir /home/lossatlas lossatlas
COPY --from=build /out/lossatlas /usr/local/bin/lossatlas
COPY LICENSE /usr/share/doc/lossatlas/LICENSE
LABEL org.opencontainers.image.title="lossatlas" \
  org.opencontainers.image.description="A verified reference of deep-learning loss and activation functions; lossatlas check for CI" \
  org.opencontainers.image.licenses="Apache-2.0"
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["lossatlas"]
CMD ["--help"]
