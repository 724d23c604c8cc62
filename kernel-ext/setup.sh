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

# npm dependencies: `npm ci` on a fresh clone (exactly the lockfile). Later runs reinstall only
# when the lockfile changed since the last setup, and then with `npm install`, which updates
# node_modules in place instead of wiping it (a running kernel or test keeps its files).
stamp=node_modules/.deeprob-lock-stamp
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
elif [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm install --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

npm run --silent build
# The kernelspec (per user; JUPYTER_DATA_DIR is honoured). Idempotent: an up-to-date spec is left alone.
node dist/kernel-ext/cli.js install --user
echo "setup: done. Next: npm run lab (serve the notebooks) or npm test (run all tests)."
