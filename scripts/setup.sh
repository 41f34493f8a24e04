#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to built extensions and store zips for both browsers:
# installs the real browsers the end-to-end tests drive (Debian's chromium and firefox-esr) and
# openssl (test certificates) when missing, then the npm dependencies, then builds and zips.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
# zip: the Firefox driver packs the add-on as an XPI to install it permanently (relaunch stories).
command -v zip >/dev/null 2>&1 || missing+=(zip)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]} from Debian"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
npm run build
echo "setup: built .output/chrome-mv3 and .output/firefox-mv2; store zips:"
ls -1 .output/*.zip
