#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the emulator console's browser test
# (internal/emulator TestConsoleScreenshot). Installs it with apt where it is missing and apt is
# usable (root, or sudo without a password: CI); otherwise says that the test will skip.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
	exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo="sudo -n"
	else
		echo "chromium is not installed and apt is not usable here: the console screenshot test will skip" >&2
		exit 0
	fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "chromium is not installed and there is no apt-get: the console screenshot test will skip" >&2
	exit 0
fi
echo "installing chromium (Debian package) for the console screenshot test" >&2
export DEBIAN_FRONTEND=noninteractive
# A machine whose package index is stale needs an update first. If Debian's mirror cannot be
# reached, the test run goes on and the screenshot test reports that it skipped.
if ! $sudo apt-get install -y -qq chromium >/dev/null 2>&1; then
	if ! { $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq chromium >/dev/null; }; then
		echo "installing chromium failed: the console screenshot test will skip (and say so)" >&2
	fi
fi
