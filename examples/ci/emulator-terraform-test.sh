#!/usr/bin/env bash
# emulator-terraform-test.sh MODULE_DIR [TERRAFORM_TEST_ARGS...]
#
# Runs `terraform init` and `terraform test` in MODULE_DIR against a fresh emrflow-emulator: a
# local EMR Flow API, so the module's tests create real objects with no cloud account. It starts
# the emulator in the background, waits until its health path answers, exports what the emrflow
# provider reads (EMRFLOW_ENDPOINT, ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, ALIBABA_CLOUD_REGION_ID),
# runs the tests and always stops the emulator. It exits with terraform's status.
#
# Environment (all optional):
#   EMRFLOW_EMULATOR       the emulator binary (default: emrflow-emulator from PATH)
#   EMRFLOW_EMULATOR_LISTEN  its address (default 127.0.0.1:0, a free port)
#   EMRFLOW_EMULATOR_ARGS  more emulator flags, e.g. "-latency 50ms" or "-clusters ..." (the cluster
#                          ids your tests name)
#   EMRFLOW_EMULATOR_WAIT  seconds to wait for it to answer (default 30)
#   TERRAFORM              the terraform binary (default: terraform from PATH)
#   ALIBABA_CLOUD_REGION_ID  the region (default cn-hangzhou)
# The provider itself comes from wherever `terraform init` finds it: the registry, or the
# filesystem mirror of your CLI configuration (TF_CLI_CONFIG_FILE).
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 MODULE_DIR [TERRAFORM_TEST_ARGS...] (MODULE_DIR must be a directory)" >&2
  exit 2
fi
module_dir="$1"
shift
emulator="${EMRFLOW_EMULATOR:-emrflow-emulator}"
listen="${EMRFLOW_EMULATOR_LISTEN:-127.0.0.1:0}"
wait_seconds="${EMRFLOW_EMULATOR_WAIT:-30}"
terraform="${TERRAFORM:-terraform}"

for tool in "$emulator" "$terraform" curl; do
  command -v "$tool" >/dev/null || { echo "$0: $tool not found (see the comment at the top of this script)" >&2; exit 2; }
done

log="$(mktemp "${TMPDIR:-/tmp}/emrflow-emulator.XXXXXX")"
emulator_pid=""
stop_emulator() {
  local status=$?
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$log" ]; then
    echo "--- emrflow-emulator log (last 50 lines) ---" >&2
    tail -n 50 "$log" >&2
  fi
  rm -f "$log"
  exit "$status"
}
trap stop_emulator EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck disable=SC2086 # EMRFLOW_EMULATOR_ARGS is a list of flags
"$emulator" -listen "$listen" ${EMRFLOW_EMULATOR_ARGS:-} >"$log" 2>&1 &
emulator_pid=$!

# The first line names the address bound (the port, when it was 0); the health path then says
# the emulator serves. Both within the bounded wait.
endpoint=""
deadline=$((SECONDS + wait_seconds))
while :; do
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    wait "$emulator_pid" && code=0 || code=$?
    emulator_pid=""
    echo "$0: emrflow-emulator exited (status $code) before it served" >&2
    exit 1
  fi
  if [ -z "$endpoint" ]; then
    endpoint="$(sed -n 's/^listening on \([^ ]*\).*/\1/p' "$log" | head -n 1)"
  fi
  if [ -n "$endpoint" ] && curl -fsS -o /dev/null --max-time 2 "$endpoint/__emulator/health" 2>/dev/null; then
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "$0: emrflow-emulator did not answer ${endpoint:-(no address printed)}/__emulator/health within ${wait_seconds}s" >&2
    exit 1
  fi
  sleep 0.2
done

export EMRFLOW_ENDPOINT="$endpoint"
ALIBABA_CLOUD_ACCESS_KEY_ID="$(sed -n 's/^access key id: //p' "$log" | head -n 1)"
ALIBABA_CLOUD_ACCESS_KEY_SECRET="$(sed -n 's/^access key secret: //p' "$log" | head -n 1)"
export ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
export ALIBABA_CLOUD_REGION_ID="${ALIBABA_CLOUD_REGION_ID:-cn-hangzhou}"
echo "emrflow-emulator serves at $EMRFLOW_ENDPOINT"

cd "$module_dir"
"$terraform" init -input=false -no-color
"$terraform" test -no-color "$@"
