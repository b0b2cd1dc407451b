"""Checks that the environment Ballast injects for an MPS fraction is what CUDA MPS enforces.

For a pod granted 300 of 1000 milli-GPU (limit 500) and 12,000 MiB, the admission webhook sets
CUDA_MPS_ACTIVE_THREAD_PERCENTAGE=50 and CUDA_MPS_PINNED_DEVICE_MEM_LIMIT=0=12000M (GpuDevice and
GpuMutation). Run once without limits and once with them, under a running MPS control daemon
(bench/gpu/mps_limits.sh starts and stops it), this prints JSON with:
  - bf16 matrix-product throughput, which the thread percentage should cap;
  - whether allocations below and above the memory limit succeed.

Usage: python3 bench/gpu/mps_limits.py LABEL OUT_DIR
"""

import json
import os
import sys
import time

import torch


def matmul_tflops(n=8192, reps=10):
    a = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    for _ in range(3):
        a @ b
    torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(reps):
        a @ b
    torch.cuda.synchronize()
    return 2 * n**3 * reps / (time.perf_counter() - t) / 1e12


def can_allocate(mib):
    try:
        x = torch.empty(mib * 2**20, dtype=torch.uint8, device="cuda")
        x.fill_(1)
        torch.cuda.synchronize()
        del x
        torch.cuda.empty_cache()
        return True
    except RuntimeError as e:  # torch.OutOfMemoryError is a RuntimeError
        torch.cuda.empty_cache()
        return "refused: " + str(e).splitlines()[0][:160]


def main():
    label, out = sys.argv[1], sys.argv[2]
    res = {
        "label": label,
        "CUDA_MPS_ACTIVE_THREAD_PERCENTAGE": os.environ.get("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE"),
        "CUDA_MPS_PINNED_DEVICE_MEM_LIMIT": os.environ.get("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT"),
        "multiprocessors": torch.cuda.get_device_properties(0).multi_processor_count,
        "bf16TflopsMatmul8192": matmul_tflops(),
        "_": torch.cuda.empty_cache(),
        "allocate10000MiB": can_allocate(10_000),
        "allocate14000MiB": can_allocate(14_000),
    }
    res.pop("_")
    print(json.dumps(res), flush=True)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "mps-" + label + ".json"), "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
