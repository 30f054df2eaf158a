#!/usr/bin/env bash
# Installs what the test suite needs: tmux for the terminal tests, openssh-server for the ssh://
# tests, Podman 4.3 for the Podman tests, and the Docker engines it starts: dockerd 20.10 from the machine's Debian
# release, and dockerd 26.1 + containerd + Compose v2 from Debian trixie, unpacked under
# .engines/trixie without touching the machine's own apt lists. Safe to run again.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dest="$root/.engines/trixie"

if ! command -v dockerd >/dev/null || ! command -v busybox >/dev/null || ! command -v tmux >/dev/null \
  || ! command -v sshd >/dev/null || ! command -v podman >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io busybox-static tmux openssh-server podman
fi

if [ ! -x "$dest/usr/sbin/dockerd" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/lists/partial" "$work/debs"
  echo "deb http://deb.debian.org/debian trixie main" > "$work/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=-"
            -o "Dir::State::Lists=$work/lists" -o "APT::Get::List-Cleanup=0")
  apt-get "${apt_opts[@]}" update -q
  (cd "$work/debs" && apt-get "${apt_opts[@]}" download docker.io containerd docker-compose)
  mkdir -p "$dest"
  for deb in "$work"/debs/*.deb; do dpkg -x "$deb" "$dest"; done
  # trixie's runc needs glibc 2.38; the machine's own runc serves instead.
  rm -f "$dest/usr/sbin/runc" "$dest/usr/bin/runc"
fi
