#!/usr/bin/env bash
# Starts a CUDA MPS control daemon for this shell's GPU, runs bench/gpu/mps_limits.py without and
# then with the limits Ballast's webhook injects for a 300m (limit 500m), 12,000 MiB MPS pod, and
# stops the daemon. The GPU's compute mode is not changed. Usage: bench/gpu/mps_limits.sh OUT_DIR
set -u
out=${1:?OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
export CUDA_MPS_PIPE_DIRECTORY=/tmp/ballast-mps/pipe CUDA_MPS_LOG_DIRECTORY=/tmp/ballast-mps/log
mkdir -p "$CUDA_MPS_PIPE_DIRECTORY" "$CUDA_MPS_LOG_DIRECTORY" "$out"
if ! command -v nvidia-cuda-mps-control >/dev/null; then
  echo "nvidia-cuda-mps-control is not on the PATH" | tee "$out/mps-missing.txt"
  exit 2
fi
nvidia-cuda-mps-control -d || { echo "the MPS daemon did not start"; exit 2; }
trap 'echo quit | nvidia-cuda-mps-control; cp -r "$CUDA_MPS_LOG_DIRECTORY" "$out/mps-log" 2>/dev/null' EXIT
timeout 120 python3 "$here/mps_limits.py" unlimited "$out"
CUDA_MPS_ACTIVE_THREAD_PERCENTAGE=50 CUDA_MPS_PINNED_DEVICE_MEM_LIMIT=0=12000M \
  timeout 120 python3 "$here/mps_limits.py" limited "$out"
