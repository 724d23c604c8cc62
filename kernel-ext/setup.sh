#!/usr/bin/env bash
# One-time (and idempotent) setup on a fresh Debian machine: Debian's Jupyter and Chromium when
# missing, npm dependencies, the build, and the kernelspec. `npm run setup` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: Jupyter (no PyPI here), nbconvert, the kernel conformance suite, Chromium
# for browser tests and PDF reports, poppler for checking PDFs, fonts for static figures.
# NumPy/PyTorch are only the benchmark's peers.
debs=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-jupyter-server
      python3-jupyter-kernel-test chromium poppler-utils fonts-dejavu-core
      python3-numpy python3-scipy python3-torch python3-torchvision python3-threadpoolctl)
missing=()
for d in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q "install ok installed" || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lockfile changed since the last install (npm ci wipes node_modules).
stamp=node_modules/.deeprob-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

npm run --silent build
node dist/kernel-ext/cli.js install --user >/dev/null 2>&1 || node dist/kernel-ext/cli.js install --user
