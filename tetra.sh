#!/usr/bin/env bash
# Set-up for tetradb on Debian 12: installs the Debian packages that are
# missing (and nothing when all are there), configures, builds, then either
# starts the server or runs the whole test suite.
#
#   bash tetra.sh run  [tetradb flags...]   build, then run tetradb (data in ./data)
#   bash tetra.sh test [ctest flags...]     build, then run every test through ctest
#   bash tetra.sh build                     build only
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
root=$(pwd)
build_dir=${TETRADB_BUILD_DIR:-$root/build}

build_packages=(
  g++ cmake ninja-build ccache pkg-config
  librocksdb-dev libflatbuffers-dev flatbuffers-compiler
  libboost-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev libsqlite3-dev liblua5.1-0-dev lua-cjson-dev
  libre2-dev libssl-dev zlib1g-dev libjemalloc-dev
)
# The tests drive the real binary the way users do: redis-cli and curl.
test_packages=(redis-tools curl procps)

install_missing() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "tetra.sh: installing ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "tetra.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}"
  fi
  cmake --build "$build_dir" -j "${TETRADB_JOBS:-2}"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  run)
    install_missing "${build_packages[@]}"
    build
    exec "$build_dir/server/tetradb" "$@"
    ;;
  test)
    install_missing "${build_packages[@]}" "${test_packages[@]}"
    build
    cd "$build_dir"
    exec ctest --output-on-failure -j "${TETRADB_JOBS:-2}" "$@"
    ;;
  build)
    install_missing "${build_packages[@]}"
    build
    ;;
  *)
    echo "usage: bash tetra.sh run [tetradb flags...] | test [ctest flags...] | build" >&2
    exit 2
    ;;
esac
