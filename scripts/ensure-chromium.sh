#!/usr/bin/env bash
# Makes sure a Chromium for the browser tests exists: Playwright's own, CHROMIUM_PATH, or Debian's.
# On a Debian machine where we are root and none is found, installs Debian's chromium.
set -euo pipefail
for p in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [ -n "$p" ] && [ -x "$p" ]; then echo "chromium: $p"; exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not found, installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  echo "chromium: /usr/bin/chromium"
  exit 0
fi
echo "No Chromium found. Install one (Debian: sudo apt-get install chromium), or set CHROMIUM_PATH," >&2
echo "or run 'npx playwright install chromium' and set PLAYWRIGHT_USE_BUNDLED=1." >&2
exit 1
