#!/usr/bin/env bash
# Installs what the system needs on a Debian machine, skipping what is present: Debian
# packages (ClamAV's daemon and test files; Redis only when none answers; with --tests also
# Chromium for the browser tests, qpdf to make encrypted test PDFs and DejaVu fonts for scanned
# test pages; with --bench the native tesseract CLI and its German data as OCR baseline; with either
# the typefaces of the hard corpus) and the npm packages of the lock file. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
[ -x /usr/sbin/clamd ] || command -v clamd >/dev/null 2>&1 || packages+=(clamav-daemon)
[ -d /usr/share/clamav-testfiles ] || packages+=(clamav-testfiles)
# Browser tests drive Debian's Chromium (no browser downloads at run time).
if [ "${1:-}" = "--tests" ] && [ ! -x /usr/bin/chromium ]; then packages+=(chromium); fi
if [ "${1:-}" = "--tests" ] && ! command -v qpdf >/dev/null 2>&1; then packages+=(qpdf); fi
# The OCR tests render "scanned" pages with DejaVu Sans.
if [ "${1:-}" = "--tests" ] && [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then packages+=(fonts-dejavu-core); fi
# `npm run bench:intake` compares our OCR with Debian's native tesseract CLI.
if [ "${1:-}" = "--bench" ] && ! command -v tesseract >/dev/null 2>&1; then packages+=(tesseract-ocr); fi
if [ "${1:-}" = "--bench" ] && [ ! -f /usr/share/tesseract-ocr/5/tessdata/deu.traineddata ]; then packages+=(tesseract-ocr-deu); fi
# `npm run corpus:generate` lays out the hard corpus with these typefaces (it reads the font files itself).
if [ "${1:-}" = "--bench" ] || [ "${1:-}" = "--tests" ]; then
  [ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || packages+=(fonts-liberation)
  [ -f /usr/share/fonts/truetype/freefont/FreeSans.ttf ] || packages+=(fonts-freefont-ttf)
  [ -d /usr/share/fonts/opentype/urw-base35 ] || packages+=(fonts-urw-base35)
fi
if ! command -v redis-server >/dev/null 2>&1 && ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  packages+=(redis-server)
fi

if [ ${#packages[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${packages[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# npm packages: install when missing or when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  # `npm install`, not `npm ci`: the registry reachable here lacks some other platforms'
  # optional binaries (msgpackr-extract for macOS/Windows), which `npm ci` insists on.
  npm install --no-audit --no-fund --loglevel=error
fi
