#!/usr/bin/env bash
# Debian's Chromium for the editor check in the e2e run; installed once, when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if ! command -v apt-get >/dev/null; then
	echo "chromium: /usr/bin/chromium is missing and apt-get is not available; install Debian's chromium" >&2
	exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
echo "chromium: installing Debian's chromium (about a minute)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
