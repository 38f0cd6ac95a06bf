#!/usr/bin/env bash
# make module-test: the pipeline module's `terraform test` suite (examples/modules/pipeline/tests)
# against the local emulator, with the provider installed the way a user installs it (a
# filesystem mirror holding the local build; no registry). The emulator is started, waited for and
# stopped by examples/ci/emulator-terraform-test.sh, the script the testing guide publishes for
# users' CI jobs, so that what CI runs here is what users copy. Exits non-zero when a run fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tf="$("$root/scripts/terraform.sh")"
version="0.1.0"
work="$(mktemp -d "${TMPDIR:-/tmp}/emrflow-module-test.XXXXXX")"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

cleanup() {
  status=$?
  if [ $status -ne 0 ]; then
    echo "module test FAILED (exit $status)" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# `terraform test` came with Terraform 1.6; the fallback CLI that scripts/terraform.sh builds on a
# machine without one is 1.5.7. Say so and skip, as the Go acceptance tests skip features their
# CLI lacks.
tf_version="$("$tf" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')"
if [ "$(printf '%s\n1.6.0\n' "$tf_version" | sort -V | head -1)" != "1.6.0" ]; then
  echo "module test SKIPPED: terraform test needs Terraform >= 1.6, and $tf is $tf_version" >&2
  exit 0
fi

[ -x "$root/bin/terraform-provider-emrflow" ] && [ -x "$root/bin/emrflow-emulator" ] || make -C "$root" build

provider_mirror "$version"

# A copy of the whole examples/ tree, so the checkout gets no .terraform or lock files and relative
# module sources resolve as they do in the checkout.
cp -r "$root/examples" "$work/examples"

# The emulator from ./bin, found on PATH as a user's installed one is.
PATH="$root/bin:$PATH" TERRAFORM="$tf" "$root/examples/ci/emulator-terraform-test.sh" "$work/examples/modules/pipeline"
