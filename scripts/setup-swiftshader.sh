#!/usr/bin/env bash
# A software Vulkan driver for the webgpu tests on machines without a GPU: Google's SwiftShader, as Debian's
# chromium-common ships it (usr/lib/chromium/libvk_swiftshader.so + vk_swiftshader_icd.json), unpacked into
# .test-tmp/swiftshader/, plus Debian's Vulkan loader (libvulkan1). Dawn refuses Debian 12's lavapipe
# ("shaderUniform*ArrayDynamicIndexing required"); SwiftShader it takes, as a fallback adapter.
# The tests find the json there themselves; elsewhere: export VK_ICD_FILENAMES=<printed path>.
# Idempotent: a second run only checks. Prints the json's path on its last line.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=$ROOT/.test-tmp/swiftshader
ICD=$DEST/usr/lib/chromium/vk_swiftshader_icd.json
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
updated=
apt_update() { [ -n "$updated" ] || { $SUDO apt-get update -qq; updated=1; }; }

if ! ldconfig -p | grep -q 'libvulkan\.so\.1 '; then
  echo "setup-swiftshader: apt-get install libvulkan1" >&2
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libvulkan1 >/dev/null
fi
if [ ! -f "$ICD" ] || [ ! -f "$DEST/usr/lib/chromium/libvk_swiftshader.so" ]; then
  mkdir -p "$DEST"
  apt_update
  # apt-get download writes into the current folder; the _apt user may not be able to, so run it from a tmp dir.
  tmp=$(mktemp -d)
  chmod 777 "$tmp"
  ( cd "$tmp" && apt-get download -qq chromium-common 2>/dev/null )
  deb=$(ls "$tmp"/chromium-common_*.deb)
  # Only the two files SwiftShader needs (5 MB), not the whole package.
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$DEST" ./usr/lib/chromium/libvk_swiftshader.so ./usr/lib/chromium/vk_swiftshader_icd.json
  echo "setup-swiftshader: unpacked SwiftShader from $(basename "$deb")" >&2
  rm -rf "$tmp"
fi
echo "$ICD"
