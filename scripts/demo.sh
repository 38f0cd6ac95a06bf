#!/usr/bin/env bash
# make demo: the whole life of a two-environment pipeline against the local emulator, run the way a
# user runs Terraform (terraform init from a filesystem mirror holding the local build, no registry).
#
#   1. start the emulator on a free loopback port
#   2. terraform init + apply examples/demo (dev and prod: a project, two folders, three jobs and a
#      flow each, from examples/modules/pipeline)
#   3. print the flow ids, plan again: "No changes"
#   4. change prod's schedule: the plan shows one in-place update; apply it
#   5. run dev's flow once with the emrflow_flow_run action (Terraform >= 1.14: the current CLI
#      of scripts/terraform-current.sh, built once from the Go module proxy and cached) and show
#      the emulator's console page, where its DAG and the run's node statuses are drawn
#   6. destroy, stop the emulator
#
# With --keep (make demo KEEP=1, or KEEP=1 in the environment), step 5 leaves the emulator and its
# console up until Ctrl-C, then goes on with 6.
set -euo pipefail

usage() {
  echo "usage: scripts/demo.sh [--keep]   (make demo [KEEP=1])"
  echo "  --keep  keep the emulator and its console up after the run, until Ctrl-C; then destroy and stop"
}
keep=0
case "${KEEP:-}" in
  "" | 0) ;;
  *) keep=1 ;;
esac
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "demo.sh: unknown argument: $arg" >&2; usage >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tf="$("$root/scripts/terraform.sh")"
version="0.1.0"
work="$(mktemp -d "${TMPDIR:-/tmp}/emrflow-demo.XXXXXX")"
# shellcheck source=scripts/lib.sh
source "$root/scripts/lib.sh"

cleanup() {
  status=$?
  emulator_stop
  if [ $status -ne 0 ]; then
    echo "demo FAILED (exit $status); emulator log:" >&2
    cat "$work/emulator.log" >&2 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Building the provider and the emulator"
[ -x "$root/bin/terraform-provider-emrflow" ] && [ -x "$root/bin/emrflow-emulator" ] || make -C "$root" build

# A filesystem mirror with the local build, and a CLI configuration that installs emrflow from it
# and nothing from the network.
provider_mirror "$version"

step "Starting the emulator"
emulator_detach=$keep
emulator_start
cat "$work/emulator.log"

# Work on a copy, so the checkout gets no state or lock files. The whole examples/ tree, so that
# the demo's relative module source (../modules/pipeline) resolves.
cp -r "$root/examples" "$work/examples"
cd "$work/examples/demo"

step "terraform init"
"$tf" init -input=false -no-color | grep -E 'Installing|Installed|initialized|Initializing modules|- ' || true

step "terraform apply (dev and prod)"
"$tf" apply -input=false -auto-approve -no-color

step "The flows"
"$tf" output -no-color flow_ids

step "terraform plan again: nothing to do"
set +e
"$tf" plan -input=false -detailed-exitcode -no-color | tail -3
code=${PIPESTATUS[0]}
set -e
[ "$code" -eq 0 ] || { echo "expected an empty plan after apply (exit $code)" >&2; exit 1; }

step "Change prod's schedule: one in-place update"
set +e
"$tf" plan -input=false -detailed-exitcode -no-color -var 'prod_cron_expr=0 30 3 * * ?' -out=tfplan >plan.txt
code=$?
set -e
grep -E '^\s+# |~ cron_expr|Plan:' plan.txt
[ "$code" -eq 2 ] || { cat plan.txt; echo "expected a non-empty plan (exit $code)" >&2; exit 1; }
grep -q 'Plan: 0 to add, 1 to change, 0 to destroy.' plan.txt || { cat plan.txt; echo "expected exactly one in-place update" >&2; exit 1; }
"$tf" apply -input=false -auto-approve -no-color tfplan | grep -E "Modifications complete|Apply complete"

step "Run dev's flow once (action emrflow_flow_run)"
project_id="$("$tf" output -raw dev_project_id)"
flow_id="$("$tf" output -raw dev_flow_id)"
echo "(actions need Terraform >= 1.14; using scripts/terraform-current.sh, which builds it once and caches it)"
tf_current="$("$root/scripts/terraform-current.sh")"
(
  cd "$work/examples/demo/run"
  "$tf_current" init -input=false -no-color >/dev/null
  "$tf_current" apply -input=false -auto-approve -no-color -invoke=action.emrflow_flow_run.this \
    -var "project_id=$project_id" -var "flow_id=$flow_id" | grep -E 'Action|node|run FI-|Apply complete|Error' || true
)
console="$EMRFLOW_ENDPOINT/console"
curl -fsS "$console" | grep -q "$flow_id" || { echo "the console page does not show flow $flow_id" >&2; exit 1; }
echo "The emulator's console, with dev's DAG and this run: $console (also at / from a browser)"
if [ "$keep" = 1 ]; then
  step "The emulator stays up: open $console in a browser; press Ctrl-C to destroy and stop"
  interrupted=0
  trap 'interrupted=1' INT TERM
  # Ctrl-C reaches sleep too (same process group); the trap then ends the loop.
  while [ "$interrupted" = 0 ]; do sleep 1 || true; done
  trap - INT TERM
  echo
else
  echo "(the emulator stops when the demo ends; make demo KEEP=1 keeps it and its console up until Ctrl-C)"
fi

step "terraform destroy"
"$tf" destroy -input=false -auto-approve -no-color -var 'prod_cron_expr=0 30 3 * * ?' | tail -2

step "Stopping the emulator"
emulator_stop
echo "demo finished"
