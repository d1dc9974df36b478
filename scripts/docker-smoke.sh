#!/usr/bin/env bash
# Builds the Dockerfile from this checkout and smoke-tests the image (issue 17):
#   1. installs docker.io and mmdebstrap with apt-get when they are missing;
#   2. starts its own dockerd (own socket, data and exec roots in a temp dir; no iptables, no
#      bridge), overlay2 if it works, else vfs; it is always stopped and the temp dir removed;
#   3. pulls the Dockerfile's base image (the default of ARG BASE_IMAGE); where that cannot be
#      pulled, builds a stand-in with mmdebstrap from the host's Debian mirror (bookworm: Debian's
#      python3, a venv at /opt/venv first on PATH, the host's CA certificates) and tags it with
#      the base's name, so `docker build` uses it without pulling;
#   4. docker build --network host -t careerbot:smoke .
#   5. `careerbot roles` must list "Data Engineer"; `careerbot serve` (the image's CMD, with a
#      fake Slack token) must turn healthy through the image's own HEALTHCHECK within 120 s.
# Needs root. Where it cannot run (not root; no docker and no apt-get to install it; apt-get or
# dockerd failing; no base image and no Debian mirror to build one) it says so on one line
# starting "docker-smoke: SKIPPED:" and exits 0. A failing build or smoke test exits 1.
# Usage: bash scripts/docker-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "docker-smoke: $*"; }
skip() { say "SKIPPED: $*"; exit 0; }
die() { echo "docker-smoke: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root (it starts its own dockerd); not run"
have_docker() { command -v dockerd >/dev/null && command -v docker >/dev/null; }
have_docker || command -v apt-get >/dev/null || skip "no docker and no apt-get to install it; not run"

image=careerbot:smoke
health_timeout=120
started=$SECONDS
tmp="$(mktemp -d /tmp/docker-smoke.XXXXXX)"
dk=(docker -H "unix://$tmp/docker.sock")
dockerd_pid=
cid=

stop_dockerd() {
    [ -n "$dockerd_pid" ] || return 0
    if kill -0 "$dockerd_pid" 2>/dev/null; then
        kill "$dockerd_pid" 2>/dev/null
        for _ in $(seq 30); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 1; done
        if kill -0 "$dockerd_pid" 2>/dev/null; then
            say "dockerd did not stop within 30 s; killing it"
            kill -9 "$dockerd_pid" 2>/dev/null
            [ -f "$tmp/exec/containerd/containerd.pid" ] \
                && kill -9 "$(cat "$tmp/exec/containerd/containerd.pid")" 2>/dev/null
        fi
    fi
    wait "$dockerd_pid" 2>/dev/null
    dockerd_pid=
}

unmount_all() {  # dockerd leaves mounts behind: its network namespace; more when it fails
    grep -o " $tmp/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
}

cleanup() {
    local rc=$?
    set +e
    [ -n "$cid" ] && "${dk[@]}" rm -f "$cid" >/dev/null 2>&1
    stop_dockerd
    unmount_all
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. What it needs.
missing=()
have_docker || missing+=(docker.io)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q "${missing[@]}" >"$tmp/apt.log" 2>&1; then
        apt-get update -q >>"$tmp/apt.log" 2>&1 || true
        apt-get install -y -q "${missing[@]}" >>"$tmp/apt.log" 2>&1 \
            || { tail -20 "$tmp/apt.log" >&2; skip "apt-get install ${missing[*]} failed; the image cannot be built here"; }
    fi
fi

# 2. Our own dockerd.
start_dockerd() {  # $1: storage driver; returns 1 when it does not answer within 60 s
    dockerd --iptables=false --bridge none --storage-driver "$1" \
        --data-root "$tmp/data" --exec-root "$tmp/exec" --pidfile "$tmp/docker.pid" \
        --host "unix://$tmp/docker.sock" >"$tmp/dockerd-$1.log" 2>&1 &
    dockerd_pid=$!
    for _ in $(seq 60); do
        "${dk[@]}" info >/dev/null 2>&1 && return 0
        kill -0 "$dockerd_pid" 2>/dev/null || break
        sleep 1
    done
    stop_dockerd
    return 1
}
driver=overlay2
if ! start_dockerd overlay2; then
    say "dockerd does not start with overlay2 ($(tail -1 "$tmp/dockerd-overlay2.log")); falling back to vfs (slower, more disk)"
    unmount_all
    rm -rf "$tmp/data" "$tmp/exec"
    driver=vfs
    start_dockerd vfs || { tail -20 "$tmp/dockerd-vfs.log" >&2; skip "dockerd does not start on this machine (overlay2 nor vfs); the image cannot be built here"; }
fi

# 3. The base image: pulled, or built from Debian packages.
base="$(sed -n 's/^ARG BASE_IMAGE=//p' Dockerfile | head -1)"
[ -n "$base" ] || die "no 'ARG BASE_IMAGE=...' default in the Dockerfile"
t0=$SECONDS
if timeout 120 "${dk[@]}" pull -q "$base" >"$tmp/pull.log" 2>&1; then
    base_how="pulled"
else
    say "cannot pull $base ($(tail -1 "$tmp/pull.log")); building a stand-in with mmdebstrap"
    command -v mmdebstrap >/dev/null || skip "$base cannot be pulled and mmdebstrap is missing (no apt-get); not run"
    # The host's Debian mirror for bookworm (one-line and deb822 sources).
    mirrors="$( {
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | awk '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } print $i, $(i + 1) }'
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk 'BEGIN { RS = ""; FS = "\n" } {
            types = uris = suites = ""; on = 1
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^Types:/) types = substr($i, 7)
                if ($i ~ /^URIs:/) uris = substr($i, 6)
                if ($i ~ /^Suites:/) suites = substr($i, 8)
                if ($i ~ /^Enabled: *no/) on = 0
            }
            if (!on || types !~ /(^| )deb( |$)/) next
            nu = split(uris, u, " "); ns = split(suites, s, " ")
            for (a = 1; a <= nu; a++) for (b = 1; b <= ns; b++) print u[a], s[b]
        }'
    } | awk '$2 ~ /^bookworm(-updates|-security)?$/ && $1 ~ /^(https?|file):/ && !seen[$0]++')"
    [ -n "$mirrors" ] || mirrors="http://deb.debian.org/debian bookworm"
    sources=()
    while read -r uri suite; do sources+=("deb $uri $suite main"); done <<<"$mirrors"
    say "mirror: $(echo "$mirrors" | tr '\n' ';' | sed 's/;$//')"
    opts=()
    proxy=
    eval "$(apt-config shell proxy Acquire::http::Proxy 2>/dev/null || true)"
    [ -n "$proxy" ] && opts+=(--aptopt="Acquire::http::Proxy \"$proxy\"")
    # The host's CA certificates, so pip in the build trusts the proxies the host trusts: its
    # extra certificates, then its whole bundle (a superset of Debian's on a Debian host).
    cert_hook='true'
    [ -d /usr/local/share/ca-certificates ] \
        && cert_hook+=' && cp -r /usr/local/share/ca-certificates/. "$1/usr/local/share/ca-certificates/"'
    cert_hook+=' && chroot "$1" update-ca-certificates >/dev/null'
    [ -f /etc/ssl/certs/ca-certificates.crt ] \
        && cert_hook+=' && cp /etc/ssl/certs/ca-certificates.crt "$1/etc/ssl/certs/ca-certificates.crt"'
    mmdebstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
        "${opts[@]}" --customize-hook="$cert_hook" \
        --customize-hook='chroot "$1" python3 -m venv /opt/venv' \
        bookworm "$tmp/base.tar" "${sources[@]}" >"$tmp/mmdebstrap.log" 2>&1 \
        || { tail -20 "$tmp/mmdebstrap.log" >&2; skip "$base cannot be pulled and mmdebstrap cannot build a stand-in (no Debian mirror?); the image cannot be built here"; }
    "${dk[@]}" import \
        --change 'ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        "$tmp/base.tar" "$base" >/dev/null || die "docker import of the mmdebstrap tarball failed"
    rm -f "$tmp/base.tar"
    base_how="stand-in built with mmdebstrap, $("${dk[@]}" run --rm --network none "$base" python --version 2>&1)"
fi
base_s=$((SECONDS - t0))
say "base: $base ($base_how) in ${base_s}s"

# 4. The image.
t0=$SECONDS
"${dk[@]}" build --network host --pull=false -t "$image" . >"$tmp/build.log" 2>&1 \
    || { tail -40 "$tmp/build.log" >&2; die "docker build failed"; }
build_s=$((SECONDS - t0))
say "image: $image built in ${build_s}s"

# 5. Smoke test: a command, then the server's health through the image's HEALTHCHECK. The
# containers get no network (--network none: their own loopback only), so the image's port 3000
# clashes with nothing; --health-interval only makes the image's check run every 2 s instead of
# every 30 s (its command, timeout and start period are the image's).
roles="$("${dk[@]}" run --rm --network none "$image" roles 2>&1)" \
    || { echo "$roles" >&2; die "'careerbot roles' failed in the image"; }
grep -q "Data Engineer" <<<"$roles" || { echo "$roles" >&2; die "'careerbot roles' does not list Data Engineer"; }
cid="$("${dk[@]}" run -d --network none --health-interval 2s \
    -e SLACK_BOT_TOKEN=xoxb-test -e SLACK_SIGNING_SECRET=test "$image")"
t0=$SECONDS
status=
while [ $((SECONDS - t0)) -lt "$health_timeout" ]; do
    status="$("${dk[@]}" inspect --format '{{.State.Status}}/{{.State.Health.Status}}' "$cid")"
    case "$status" in
        */healthy) break ;;
        running/*) sleep 1 ;;
        *) break ;;  # exited, or unhealthy
    esac
done
healthy_s=$((SECONDS - t0))
if [ "$status" != running/healthy ]; then
    "${dk[@]}" logs "$cid" >&2 || true
    "${dk[@]}" inspect --format '{{json .State.Health}}' "$cid" >&2 || true
    die "the serve container is '$status' after ${healthy_s}s, not healthy (limit ${health_timeout}s); its logs are above"
fi
"${dk[@]}" rm -f "$cid" >/dev/null
cid=

say "OK: base ${base_s}s ($base_how), image build ${build_s}s, healthy after ${healthy_s}s" \
    "(storage $driver, total $((SECONDS - started))s)"
