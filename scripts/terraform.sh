#!/usr/bin/env bash
# Prints the absolute path of a Terraform CLI, building one into ./bin when there is none.
# Order: TF_ACC_TERRAFORM_PATH, `terraform` on PATH, ./bin/terraform, then a build of v1.5.7 through
# the Go module proxy (newer versions carry replace directives and cannot be installed that way;
# about two minutes cold). terraform-plugin-testing would otherwise try to download a CLI, which
# fails without internet.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "${TF_ACC_TERRAFORM_PATH}" ]; then
  echo "${TF_ACC_TERRAFORM_PATH}"; exit 0
fi
# Skip our own ./bin when looking on PATH, to prefer a system CLI when there is one.
if found="$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -vx "$root/bin" | paste -sd: -)" command -v terraform 2>/dev/null)"; then
  echo "$found"; exit 0
fi
if [ -x "$root/bin/terraform" ]; then
  echo "$root/bin/terraform"; exit 0
fi
echo "no Terraform CLI on PATH: building v1.5.7 into $root/bin (about two minutes)" >&2
GOBIN="$root/bin" go install github.com/hashicorp/terraform@v1.5.7 >&2
echo "$root/bin/terraform"
