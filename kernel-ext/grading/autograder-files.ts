// Gradescope's pair of scripts for the bundle. Gradescope unzips autograder.zip into
// /autograder/source, runs setup.sh there once when building the image (as root, Ubuntu 22.04,
// with network), copies run_autograder to /autograder/ and runs it for each submission (files in
// /autograder/submission), then reads /autograder/results/results.json.
// For dry runs: AUTOGRADER_ROOT replaces /autograder, DEEPROB_TS the command to run,
// DEEPROB_SETUP_SKIP_SYSTEM=1 skips apt and Node, DEEPROB_JUPYTER_PREFIX chooses where the
// kernelspec goes, and npm's own NPM_CONFIG_PREFIX (and NPM_CONFIG_OFFLINE) where the package goes.

/** The oldest Node the package runs on (package.json "engines": ">=20.19"). */
export const MIN_NODE = [20, 19] as const;

/**
 * Ubuntu/Debian packages the grader needs: Python's Jupyter kernel client and nbclient (the
 * `grade` driver imports them; no Jupyter command-line tool is used), util-linux (unshare and
 * setpriv for isolation), fonts for static figures, and what NodeSource's script needs.
 * Ubuntu 22.04 has nbclient 0.5.6 and jupyter_client 7.1.2: the driver uses only APIs they have.
 */
export const APT_PACKAGES = ["python3", "python3-nbclient", "python3-nbformat", "python3-jupyter-client", "util-linux", "fonts-dejavu-core", "ca-certificates", "curl", "gnupg"] as const;

/**
 * setup.sh: system packages, Node >= 20.19 (NodeSource, as Gradescope documents), the bundled
 * deeprob-ts tarball installed globally, and the kernelspec. Idempotent; stops at the first error.
 * @example setupScript().startsWith("#!/usr/bin/env bash") // => true
 */
export function setupScript(): string {
  const [major, minor] = MIN_NODE;
  return `#!/usr/bin/env bash
# Gradescope image setup for a deeprob-ts autograder: runs once, as root, from the folder the
# bundle was unzipped into. Safe to run again. DEEPROB_SETUP_SKIP_SYSTEM=1 skips apt and Node.
set -euo pipefail
here="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > ${major} || (a === ${major} && b >= ${minor}) ? 0 : 1)'
}

if [ "\${DEEPROB_SETUP_SKIP_SYSTEM:-0}" != 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends ${APT_PACKAGES.join(" ")}
  if ! node_ok; then
    # Ubuntu 22.04's nodejs is 12.x; NodeSource's apt repository carries current Node ${major}.
    curl -fsSL https://deb.nodesource.com/setup_${major}.x | bash -
    apt-get install -y nodejs
  fi
fi
if ! node_ok; then
  echo "setup.sh: deeprob-ts needs Node.js >= ${major}.${minor}; found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

# The deeprob-ts package \`deeprob-ts assign\` put next to this script (exactly one).
shopt -s nullglob
tarballs=("$here"/deeprob-ts-*.tgz)
if [ "\${#tarballs[@]}" -ne 1 ]; then
  echo "setup.sh: expected one deeprob-ts-*.tgz in $here, found \${#tarballs[@]}; re-run \\\`deeprob-ts assign\\\` and upload its autograder.zip" >&2
  exit 1
fi
npm install -g --no-audit --no-fund "\${tarballs[0]}"
bin="$(npm prefix -g)/bin/deeprob-ts"
"$bin" --version
# The kernelspec, where Jupyter looks by default (/usr/local/share/jupyter/kernels/deeprob-ts).
"$bin" install --prefix "\${DEEPROB_JUPYTER_PREFIX:-/usr/local}"
`;
}

/**
 * run_autograder: grades the one notebook in submission/ into results/results.json. If the
 * tool cannot start, results.json still says so, with the tool's last error lines.
 * @example runAutograderScript().includes("--gradescope") // => true
 */
export function runAutograderScript(): string {
  return `#!/usr/bin/env bash
# Gradescope entry point: grade /autograder/submission, write /autograder/results/results.json.
set -uo pipefail
ROOT=\${AUTOGRADER_ROOT:-/autograder}
DEEPROB_TS=\${DEEPROB_TS:-deeprob-ts}
mkdir -p "$ROOT/results"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# deeprob-ts grade writes results.json even when the submission is broken; if the tool itself
# cannot start (or refuses, e.g. files the grading user cannot read), say why in a results.json
# rather than leaving Gradescope without one.
$DEEPROB_TS grade "$ROOT/submission" --autograder "$ROOT/source" --out "$ROOT/results" --gradescope 2>"$log"
code=$?
cat "$log" >&2
if [ ! -s "$ROOT/results/results.json" ]; then
  why="$(tail -n 5 "$log" | tr '\\t' ' ' | tr -d '\\000-\\010\\013-\\037' | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g' | awk 'BEGIN { ORS = "\\\\n" } { print }')"
  printf '{"score": 0, "output": "The autograder failed to start (exit %s); please tell your instructor.\\\\n%s", "tests": []}\\n' "$code" "$why" > "$ROOT/results/results.json"
fi
exit 0
`;
}
