#!/usr/bin/env bash
# Installs what the test suite needs beyond Swift, idempotently (run as root on a fresh machine):
#   apt: chromium chromium-driver (the real browser for page tests)
#   pip: selenium (drives it; never downloads a driver: Debian's chromedriver is used)
#   pip: axe-selenium-python (bundles axe-core, the accessibility checks the page tests run)
#   pip: aiosmtpd (the real SMTP server the mail tests send to)
#   pip: feedparser (reads the feeds as feed readers do: Tests/browser/readers_test.py)
#   pip: schemathesis (the JSON API against its OpenAPI document: Tests/integration/api_schemathesis_test.py)
#   venv $ISSO_VENV (/tmp/isso-venv) with pip isso: Isso's own client, embed.min.js (Tests/browser/isso_client_test.py)
# Prints what it did. Exits non-zero when an install fails.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PY="${PY:-python3}"
log=$(mktemp)
if ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
  if [ "$(id -u)" != 0 ]; then echo "install-test-deps: installing chromium needs root (apt-get)" >&2; exit 1; fi
  echo "install-test-deps: apt-get install chromium chromium-driver" >&2
  apt-get update -qq >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
  apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
fi
if ! "$PY" -c "import selenium" 2>/dev/null; then
  echo "install-test-deps: pip install selenium" >&2
  "$PY" -m pip install -q --disable-pip-version-check selenium 2>&1 | grep -v "Running pip as the 'root' user" || true
fi
"$PY" -c "import selenium" || { echo "install-test-deps: selenium did not install" >&2; exit 1; }
if ! "$PY" -c "import axe_selenium_python" 2>/dev/null; then
  echo "install-test-deps: pip install axe-selenium-python" >&2
  "$PY" -m pip install -q --disable-pip-version-check axe-selenium-python 2>&1 | grep -v "Running pip as the 'root' user" || true
fi
"$PY" -c "import axe_selenium_python" || { echo "install-test-deps: axe-selenium-python did not install" >&2; exit 1; }
if ! "$PY" -c "import aiosmtpd" 2>/dev/null; then
  echo "install-test-deps: pip install aiosmtpd" >&2
  "$PY" -m pip install -q --disable-pip-version-check aiosmtpd 2>&1 | grep -v "Running pip as the 'root' user" || true
fi
"$PY" -c "import aiosmtpd" || { echo "install-test-deps: aiosmtpd did not install" >&2; exit 1; }
if ! "$PY" -c "import feedparser" 2>/dev/null; then
  echo "install-test-deps: pip install feedparser" >&2
  "$PY" -m pip install -q --disable-pip-version-check feedparser 2>&1 | grep -v "Running pip as the 'root' user" || true
fi
"$PY" -c "import feedparser" || { echo "install-test-deps: feedparser did not install" >&2; exit 1; }
if ! "$PY" -c "import schemathesis" 2>/dev/null; then
  echo "install-test-deps: pip install schemathesis" >&2
  "$PY" -m pip install -q --disable-pip-version-check schemathesis 2>&1 | grep -v "Running pip as the 'root' user" || true
fi
"$PY" -c "import schemathesis" || { echo "install-test-deps: schemathesis did not install" >&2; exit 1; }
ISSO_VENV="${ISSO_VENV:-/tmp/isso-venv}"
if [ ! -x "$ISSO_VENV/bin/isso" ]; then
  echo "install-test-deps: pip install isso (into $ISSO_VENV)" >&2
  "$PY" -m venv "$ISSO_VENV" && "$ISSO_VENV/bin/pip" install -q --disable-pip-version-check isso >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
fi
"$ISSO_VENV/bin/isso" --version >/dev/null || { echo "install-test-deps: isso did not install" >&2; exit 1; }
command -v openssl >/dev/null || { apt-get install -y -qq openssl >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }; }
echo "install-test-deps: chromium, chromedriver, selenium, axe-selenium-python, aiosmtpd, feedparser, schemathesis, Isso's client and openssl ready" >&2
