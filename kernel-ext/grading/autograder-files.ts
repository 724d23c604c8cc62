// Gradescope's pair of scripts for the bundle. Gradescope unzips the bundle into
// /autograder/source, runs setup.sh once when building the image (as root, Ubuntu), then runs
// /autograder/run_autograder for each submission (files in /autograder/submission) and reads
// /autograder/results/results.json. AUTOGRADER_ROOT and DEEPROB_TS let a dry run use a
// temporary folder and a local build.

/**
 * setup.sh: Debian/Ubuntu packages for Jupyter, Node 20, and the deeprob-ts package tarball.
 * @example setupScript().startsWith("#!/usr/bin/env bash") // => true
 */
export function setupScript(): string {
  return `#!/usr/bin/env bash
# Gradescope image setup for a deeprob-ts autograder (runs once, as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends python3 python3-nbclient python3-nbformat jupyter-client ca-certificates curl
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
# The course's deeprob-ts package: put its \`npm pack\` tarball next to this script.
SRC=\${AUTOGRADER_ROOT:-/autograder}/source
tarball=$(ls "$SRC"/deeprob-ts-*.tgz 2>/dev/null | head -n 1 || true)
if [ -n "$tarball" ]; then npm install -g "$tarball"; else echo "setup.sh: no deeprob-ts-*.tgz in $SRC; run npm pack in the course repository and add it to the bundle" >&2; exit 1; fi
`;
}

/**
 * run_autograder: grades the one notebook in submission/ into results/results.json.
 * @example runAutograderScript().includes("--gradescope") // => true
 */
export function runAutograderScript(): string {
  return `#!/usr/bin/env bash
# Gradescope entry point: grade /autograder/submission, write /autograder/results/results.json.
set -uo pipefail
ROOT=\${AUTOGRADER_ROOT:-/autograder}
DEEPROB_TS=\${DEEPROB_TS:-deeprob-ts}
mkdir -p "$ROOT/results"
# deeprob-ts grade writes results.json even when the submission is broken; if the tool itself
# cannot start, say so in a results.json rather than leaving Gradescope without one.
$DEEPROB_TS grade "$ROOT/submission" --autograder "$ROOT/source" --out "$ROOT/results" --gradescope
code=$?
if [ ! -s "$ROOT/results/results.json" ]; then
  printf '{"score": 0, "output": "The autograder failed to start (exit %s); please tell your instructor.", "tests": []}\\n' "$code" > "$ROOT/results/results.json"
fi
exit 0
`;
}
