# Shared by scripts/demo.sh and scripts/module-test.sh (sourced, not run): install the local
# provider build from a filesystem mirror, and run the emulator on a free loopback port.
# Callers set `root` (the checkout) and `work` (a temporary directory they remove), and call
# emulator_stop from their EXIT trap.

emulator_pid=""

# provider_mirror VERSION: puts ./bin/terraform-provider-emrflow into a filesystem mirror under
# $work and points Terraform at a CLI configuration that installs emrflow from it and nothing from
# the network, so `terraform init` works offline.
provider_mirror() {
  local version="$1" platform mirror
  platform="$(go env GOOS)_$(go env GOARCH)"
  mirror="$work/mirror/registry.terraform.io/emrflow/emrflow/$version/$platform"
  mkdir -p "$mirror"
  cp "$root/bin/terraform-provider-emrflow" "$mirror/terraform-provider-emrflow_v$version"
  cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/emrflow/emrflow"]
  }
  direct {
    exclude = ["registry.terraform.io/emrflow/emrflow"]
  }
}
RC
  export TF_CLI_CONFIG_FILE="$work/terraformrc"
  export TF_IN_AUTOMATION=1
  export CHECKPOINT_DISABLE=1
}

# emulator_start: runs ./bin/emrflow-emulator on 127.0.0.1:0 (log in $work/emulator.log), waits
# for its address and exports what the provider reads: endpoint, keys, region.
# With emulator_detach=1 it runs in a session of its own (setsid, where there is one), so that
# a Ctrl-C meant for the script does not stop it (demo.sh --keep).
emulator_start() {
  local detach=()
  if [ "${emulator_detach:-0}" = 1 ] && command -v setsid >/dev/null; then
    detach=(setsid)
  fi
  ${detach[@]+"${detach[@]}"} "$root/bin/emrflow-emulator" -listen 127.0.0.1:0 >"$work/emulator.log" 2>&1 &
  emulator_pid=$!
  local endpoint=""
  for _ in $(seq 1 100); do
    endpoint="$(sed -n 's/^listening on //p' "$work/emulator.log" 2>/dev/null | head -1)"
    [ -n "$endpoint" ] && break
    sleep 0.1
  done
  [ -n "$endpoint" ] || { echo "the emulator did not start" >&2; return 1; }
  export EMRFLOW_ENDPOINT="$endpoint"
  ALIBABA_CLOUD_ACCESS_KEY_ID="$(sed -n 's/^access key id: //p' "$work/emulator.log")"
  ALIBABA_CLOUD_ACCESS_KEY_SECRET="$(sed -n 's/^access key secret: //p' "$work/emulator.log")"
  export ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
  export ALIBABA_CLOUD_REGION_ID="cn-hangzhou"
}

# emulator_stop: stops the emulator started by emulator_start, if it still runs.
emulator_stop() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  emulator_pid=""
}
