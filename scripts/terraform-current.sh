#!/usr/bin/env bash
# Prints the absolute path of a current Terraform CLI (default v1.16.0) for the tests that need
# features newer than the CLI on PATH: resource identity (>= 1.12), list resources with
# `terraform query` and actions (>= 1.14), an action's on_failure (>= 1.16). The same recipe builds
# v1.14.3, the first version with both actions and `terraform query`, for `make testacc-smoke`.
#
# It is built from the Go module proxy, because that is all our CI can reach. `go install
# github.com/hashicorp/terraform@v1.16.0` refuses the module: its go.mod requires ten nested modules
# (nine remote-state backends and internal/legacy) through `replace` directives pointing into
# directories the module zip does not contain. So the script copies the module to a temporary
# directory, drops those ten require lines and their replace directives, drops the nine backend
# registrations (and their imports) from internal/backend/init/init.go, the only non-test code
# that imports them, and builds what is left. Nothing of Terraform's source is committed.
#
# The binary is cached outside the checkout, keyed by version, so that a second run (another
# `make test`, another clone) is instant:
#   ${EMRFLOW_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emrflow/terraform}/<version>/terraform
#
# Usage: scripts/terraform-current.sh [version]   (or EMRFLOW_TF_CURRENT_VERSION=1.14.3)
set -euo pipefail

version="${1:-${EMRFLOW_TF_CURRENT_VERSION:-1.16.0}}"
version="${version#v}"
cache="${EMRFLOW_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emrflow/terraform}"
bin="$cache/$version/terraform"

# shellcheck source=scripts/proxybuild.sh
source "$(dirname "${BASH_SOURCE[0]}")/proxybuild.sh"
proxy_cached "$bin"

start=$(date +%s)
echo "building Terraform v$version from the Go module proxy into $bin (once: about 6.5 CPU minutes, about 4 minutes on two idle cores, as README.md says; cached afterwards)" >&2
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
proxy_source github.com/hashicorp/terraform "$version" "$work"
cd "$work/src"

# The ten nested modules: every require and replace line naming
# github.com/hashicorp/terraform/internal/... (the main module itself is never required).
nested='github\.com/hashicorp/terraform/internal/'
count="$(grep -c "$nested" go.mod || true)"
if [ "$count" -eq 0 ]; then
  echo "go.mod of v$version names no nested module: the build recipe needs a look" >&2
  exit 1
fi
sed -i "\#$nested#d" go.mod

# The nine backends that live in those nested modules: their imports and their registrations.
backends='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
init=internal/backend/init/init.go
sed -i -E "\#\"github.com/hashicorp/terraform/internal/backend/remote-state/($backends)\"#d" "$init"
sed -i -E "/^[[:space:]]*\"($(echo "$backends" | sed 's/azure/azurerm/'))\":[[:space:]]+func\(\) backend.Backend/d" "$init"
if grep -Eq "remote-state/($backends)\"" "$init"; then
  echo "$init still imports a nested backend: the build recipe needs a look" >&2
  exit 1
fi

# -mod=mod lets go drop what only the removed modules needed; GOFLAGS from the caller (e.g.
# -race) must not leak into this build. version.dev=no makes it report itself as a release.
GOFLAGS=-mod=mod CGO_ENABLED=0 nice go build -trimpath \
  -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" \
  -o "$work/terraform" . >&2
"$work/terraform" version >/dev/null
mv "$work/terraform" "$bin"
echo "built Terraform v$version in $(( $(date +%s) - start ))s: $bin" >&2
echo "$bin"
