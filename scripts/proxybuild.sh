# Shared by scripts/terraform-current.sh and scripts/opentofu.sh (sourced, not run): build a CLI
# from its module on the Go module proxy, once, into a cache outside the checkout.

# proxy_cached BIN: prints BIN and exits the script when it is built already. Otherwise it takes
# a lock beside it, so that two concurrent callers (parallel make targets, two clones) do not both
# build: the second waits for the first, and then finds the binary.
proxy_cached() {
  local bin="$1"
  if [ -x "$bin" ]; then
    echo "$bin"; exit 0
  fi
  mkdir -p "$(dirname "$bin")"
  exec 9>"$(dirname "$bin")/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock 9
  fi
  if [ -x "$bin" ]; then
    echo "$bin"; exit 0
  fi
}

# proxy_source MODULE VERSION WORK: downloads MODULE@vVERSION and copies it into WORK/src, writable
# (the module cache is read-only). The download runs outside any module, with the caller's GOFLAGS
# and go.work ignored, so that it never touches the checkout's go.mod or go.sum.
proxy_source() {
  local module="$1" version="$2" work="$3" dir
  export GOWORK=off
  dir="$(cd "$work" && GOFLAGS= go mod download -json "$module@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
    echo "go mod download of $module@v$version gave no source directory" >&2
    exit 1
  fi
  cp -R "$dir/." "$work/src"
  chmod -R u+w "$work/src"
}
