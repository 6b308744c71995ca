#!/usr/bin/env bash
# Provision a real Kubernetes v1.20.2 control plane (kube-apiserver + kube-controller-manager) for the
# real-cluster test tier and `litellm-operator bench models --real-control-plane`.
#
# Everything comes from the Debian bookworm archive: the toolchain and etcd as binary packages, and the
# full Kubernetes tree (with vendor/) as the source package `kubernetes`, fetched through a PRIVATE apt
# configuration so the system sources.list and package lists are never modified.
# See /work/shared/reference/real-control-plane.md (sections 2 and 3) for the why of every step.
#
# Idempotent: binaries are cached per user, keyed by version, and rebuilt only when missing.
#   default cache: ${XDG_CACHE_HOME:-$HOME/.cache}/litellm-operator/control-plane/v1.20.2/bin
#   LITELLM_CP_CACHE=<dir>  replaces ${XDG_CACHE_HOME:-$HOME/.cache}/litellm-operator/control-plane
# Progress goes to stderr; the LAST line on stdout is the bin directory (callers parse it).
# Needs root (or passwordless apt) only when packages are missing.
set -euo pipefail

readonly K8S_VERSION="v1.20.2"
readonly DEB_SOURCE_VERSION="1.20.5+really1.20.2-1.1+deb12u1"
readonly DEBIAN_MIRROR="${LITELLM_CP_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
readonly GO_ROOT="/usr/lib/go-1.19"

readonly CACHE_BASE="${LITELLM_CP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/litellm-operator/control-plane}"
readonly VERSION_DIR="${CACHE_BASE}/${K8S_VERSION}"
readonly BIN_DIR="${VERSION_DIR}/bin"
readonly WORK_DIR="${VERSION_DIR}/work"
readonly BINARIES=(kube-apiserver kube-controller-manager)

# Needed to run a cluster (etcd, PKI) even when the binaries are cached.
readonly RUNTIME_PACKAGES=(etcd-server openssl)
# Needed only to build.
readonly BUILD_PACKAGES=(golang-1.19-go rsync make dpkg-dev curl bc debian-archive-keyring
  golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev)

SYSTEM_LISTS_UPDATED=0

log() { printf '[provision %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

binaries_present() {
  local b
  for b in "${BINARIES[@]}"; do
    [[ -x "${BIN_DIR}/${b}" ]] || return 1
  done
  # The marker is written last, so a half-finished copy never counts as a cache hit.
  [[ -f "${BIN_DIR}/.complete" ]]
}

missing_packages() {
  local p status
  for p in "$@"; do
    status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || printf '%s\n' "$p"
  done
}

# Installs the given packages if any is missing; refreshes the system package lists only when apt has no
# candidate for a missing package (a fresh image usually ships without lists).
ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  ((${#missing[@]} == 0)) && return 0
  [[ "$(id -u)" == "0" ]] || die "missing packages ${missing[*]}; run this script as root or install them first"
  local apt_opts=(-o DPkg::Lock::Timeout=600 -o APT::Get::Assume-Yes=true)
  local p need_update=0
  for p in "${missing[@]}"; do
    if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [^(]'; then need_update=1; fi
  done
  if ((need_update && !SYSTEM_LISTS_UPDATED)); then
    log "apt-get update (no candidate for some of: ${missing[*]})"
    apt-get "${apt_opts[@]}" update >&2
    SYSTEM_LISTS_UPDATED=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install --no-install-recommends "${missing[@]}" >&2
}

# Downloads and unpacks the kubernetes source package through a private apt state directory.
fetch_source() {
  local apt_dir="${WORK_DIR}/apt" src_dir="${WORK_DIR}/src"
  rm -rf "${apt_dir}" "${src_dir}"
  mkdir -p "${apt_dir}/parts" "${apt_dir}/lists/partial" "${src_dir}"
  cat >"${apt_dir}/parts/src.sources" <<EOF
Types: deb-src
URIs: ${DEBIAN_MIRROR}
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # Sandbox user root: the private dirs live under a root-owned cache the _apt user cannot write.
  local private=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=${apt_dir}/parts"
    -o "Dir::State::Lists=${apt_dir}/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
    -o APT::Sandbox::User=root)
  log "downloading source package kubernetes=${DEB_SOURCE_VERSION} (private apt dir ${apt_dir})"
  apt-get "${private[@]}" update >&2
  (cd "${src_dir}" && apt-get "${private[@]}" source --download-only "kubernetes=${DEB_SOURCE_VERSION}" >&2)
  # apt already verified the .dsc and tarballs against the signed InRelease; dpkg-source's own check of the
  # uploader's signature needs debian-keyring, so its "cannot verify inline signature" warning is expected.
  log "unpacking source"
  local dsc
  dsc="$(ls "${src_dir}"/kubernetes_*.dsc)"
  (cd "${src_dir}" && dpkg-source -x "${dsc}" k8s >&2)
}

# reflect2 v1.0.1 (vendored) crashes on Go >= 1.18; swap in Debian's 1.0.2 / json-iterator 1.1.12.
swap_vendor_dir() {
  local vendor_dir="$1" debian_dir="$2"
  [[ -d "${debian_dir}" ]] || die "missing ${debian_dir}"
  [[ -d "${vendor_dir}" ]] || die "missing ${vendor_dir}"
  find "${vendor_dir}" -maxdepth 1 -type f ! -name 'LICENSE' -delete
  # .s files matter: reflect2 declares bodyless //go:linkname functions, which need an assembly file.
  find "${debian_dir}" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' \
    -exec cp {} "${vendor_dir}/" \;
}

build() {
  local tree="${WORK_DIR}/src/k8s"
  local gopath="${WORK_DIR}/gopath"
  swap_vendor_dir "${tree}/vendor/github.com/modern-go/reflect2" /usr/share/gocode/src/github.com/modern-go/reflect2
  swap_vendor_dir "${tree}/vendor/github.com/json-iterator/go" /usr/share/gocode/src/github.com/json-iterator/go

  mkdir -p "${gopath}/src/k8s.io" "${WORK_DIR}/gocache" "${WORK_DIR}/home"
  ln -sfn "${tree}" "${gopath}/src/k8s.io/kubernetes"
  export PATH="${GO_ROOT}/bin:${PATH}" GOPROXY=off CGO_ENABLED=0 GOFLAGS= \
    GOCACHE="${WORK_DIR}/gocache" HOME="${WORK_DIR}/home" GOPATH="${gopath}" GO111MODULE=off

  cd "${gopath}/src/k8s.io/kubernetes"
  # zz_generated.openapi.go is not in the tarball; the top-level target generates it in place.
  log "make gen_openapi"
  make gen_openapi >&2

  local p="k8s.io/kubernetes/vendor/k8s.io" v="" pkg
  for pkg in component-base/version client-go/pkg/version; do
    v+=" -X ${p}/${pkg}.gitVersion=${K8S_VERSION} -X ${p}/${pkg}.gitMajor=1 -X ${p}/${pkg}.gitMinor=20"
  done
  local staging="${VERSION_DIR}/bin.partial"
  rm -rf "${staging}"
  mkdir -p "${staging}"
  local b
  for b in "${BINARIES[@]}"; do
    log "go build ${b}"
    go build -o "${staging}/${b}" -ldflags "-s -w${v}" "./cmd/${b}" >&2
  done
  "${staging}/kube-apiserver" --version | grep -q "${K8S_VERSION}" || die "kube-apiserver does not report ${K8S_VERSION}"
  touch "${staging}/.complete"
  rm -rf "${BIN_DIR}"
  mv "${staging}" "${BIN_DIR}"
}

main() {
  mkdir -p "${VERSION_DIR}"
  # Several test JVMs or benches may provision at once; one builds, the others wait and reuse the result.
  exec 9>"${VERSION_DIR}/.provision.lock"
  flock 9

  ensure_packages "${RUNTIME_PACKAGES[@]}"
  if binaries_present; then
    log "cached binaries in ${BIN_DIR}"
  else
    local started=${SECONDS}
    ensure_packages "${BUILD_PACKAGES[@]}"
    fetch_source
    (build)
    # The go build cache (~1.3 GB) and unpacked tree (~370 MB) are useless once the binaries exist.
    chmod -R u+w "${WORK_DIR}" 2>/dev/null || true
    rm -rf "${WORK_DIR}"
    log "built ${BINARIES[*]} ${K8S_VERSION} in $((SECONDS - started)) s"
  fi
  printf '%s\n' "${BIN_DIR}"
}

main "$@"
