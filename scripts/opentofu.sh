#!/usr/bin/env bash
# Prints the absolute path of an OpenTofu CLI (default v1.12.6), for `make testacc-opentofu`: the
# resources' lifecycle tests and the adoption path of OpenTofu users.
#
# It is built from the Go module proxy, like scripts/terraform-current.sh and for the same reason
# (that is all our CI can reach). OpenTofu's module builds as it is: `go mod download` fetches it,
# and `go build ./cmd/tofu` runs in a writable copy (the module cache is read-only). The binary
# reports itself as a -dev build of that version; nothing of OpenTofu's source is committed.
#
# Cached outside the checkout, keyed by version, so that a second run is instant:
#   ${EMRFLOW_TOFU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emrflow/opentofu}/<version>/tofu
#
# Usage: scripts/opentofu.sh [version]   (or EMRFLOW_TOFU_VERSION=1.12.6)
set -euo pipefail

version="${1:-${EMRFLOW_TOFU_VERSION:-1.12.6}}"
version="${version#v}"
cache="${EMRFLOW_TOFU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emrflow/opentofu}"
bin="$cache/$version/tofu"

# shellcheck source=scripts/proxybuild.sh
source "$(dirname "${BASH_SOURCE[0]}")/proxybuild.sh"
proxy_cached "$bin"

start=$(date +%s)
echo "building OpenTofu v$version from the Go module proxy into $bin (once: about 10 CPU minutes, 18 minutes measured on two busy shared cores; cached afterwards)" >&2
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
proxy_source github.com/opentofu/opentofu "$version" "$work"
cd "$work/src"
GOFLAGS=-mod=mod CGO_ENABLED=0 nice go build -trimpath -ldflags "-s -w" -o "$work/tofu" ./cmd/tofu >&2
"$work/tofu" version >/dev/null
mv "$work/tofu" "$bin"
echo "built OpenTofu v$version in $(( $(date +%s) - start ))s: $bin" >&2
echo "$bin"
