"""Reads the facts Ballast's catalog assumes about a GPU node off a real one, and writes them as JSON.

What it reads and why:
  - the device name as NVML reports it, which NVIDIA GPU feature discovery turns into the node
    label nvidia.com/gpu.product (spaces become dashes), and the memory the driver reports, which
    becomes nvidia.com/gpu.memory: the operator maps both onto catalog GPU types;
  - the MIG GPU-instance profiles the driver offers (names, memory, slices, placements), read-only:
    the MIG mode is never changed;
  - host-to-device copy bandwidth from pinned and pageable memory, and device-to-host: the floor of
    a wake from vLLM sleep mode (weights kept in host memory) and of a sleep;
  - local disk to GPU with the page cache dropped for the file: the stopped tier's weights load.

Needs python3 with torch and nvidia-ml-py (the device image has both). Usage:
  python3 bench/gpu/device_facts.py OUT_DIR [GIB_HOST_COPY] [GIB_DISK]
"""

import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

import pynvml
import torch

LLAMA_8B_BYTES = 16_060_522_496  # HF index total_size, as DefaultModels.LLAMA_8B
LLAMA_70B_BYTES = 141_107_412_992  # as DefaultModels.LLAMA_70B


def nvml_facts():
    pynvml.nvmlInit()
    h = pynvml.nvmlDeviceGetHandleByIndex(0)
    name = pynvml.nvmlDeviceGetName(h)
    name = name.decode() if isinstance(name, bytes) else name
    facts = {
        "nvmlName": name,
        "gfdProductLabel": name.replace(" ", "-"),
        "memoryTotalMiB": pynvml.nvmlDeviceGetMemoryInfo(h).total // 2**20,
        "driver": str(pynvml.nvmlSystemGetDriverVersion()),
    }
    try:
        facts["migMode"] = list(pynvml.nvmlDeviceGetMigMode(h))
    except pynvml.NVMLError as e:
        facts["migMode"] = "unavailable: " + str(e)
    facts["migProfiles"] = mig_profiles(h)
    return facts


def mig_profiles(h):
    out = []
    for profile in range(0, 16):
        try:
            info = pynvml.nvmlDeviceGetGpuInstanceProfileInfo(h, profile)
        except pynvml.NVMLError as e:
            out.append({"profile": profile, "error": str(e)})
            continue
        row = {
            "profile": profile,
            "id": info.id,
            "sliceCount": info.sliceCount,
            "instanceCount": info.instanceCount,
            "multiprocessorCount": info.multiprocessorCount,
            "memorySizeMB": info.memorySizeMB,
        }
        try:
            arr = (pynvml.c_nvmlGpuInstancePlacement_t * 8)()
            count = ctypes.c_uint(8)
            pynvml.nvmlDeviceGetGpuInstancePossiblePlacements(h, info.id, arr, ctypes.byref(count))
            row["placements"] = [[arr[i].start, arr[i].size] for i in range(count.value)]
        except (pynvml.NVMLError, TypeError, AttributeError) as e:
            row["placements"] = "unavailable: " + str(e)
        out.append(row)
    return out


def timed(fn, reps):
    times = []
    for _ in range(reps):
        torch.cuda.synchronize()
        t = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        times.append(time.perf_counter() - t)
    return times


def copies(gib):
    n = gib * 2**30
    t = time.perf_counter()
    torch.cuda.init()
    torch.empty(1, device="cuda")
    context_s = time.perf_counter() - t
    dev = torch.empty(n, dtype=torch.uint8, device="cuda")
    t = time.perf_counter()
    pinned = torch.empty(n, dtype=torch.uint8, pin_memory=True)
    pin_s = time.perf_counter() - t
    pinned.fill_(1)
    h2d = timed(lambda: dev.copy_(pinned, non_blocking=True), 4)
    d2h = timed(lambda: pinned.copy_(dev, non_blocking=True), 4)
    del pinned
    pageable = torch.ones(n, dtype=torch.uint8)
    h2d_pageable = timed(lambda: dev.copy_(pageable), 3)
    del pageable, dev

    def rate(ts):
        return {"gbPerS_best": n / min(ts) / 1e9, "gbPerS_median": n / statistics.median(ts) / 1e9, "seconds": ts}

    best_pinned = n / min(h2d)
    return {
        "bytes": n,
        "cudaContextSeconds": context_s,
        "pinHostSeconds": pin_s,
        "hostToDevicePinned": rate(h2d),
        "deviceToHostPinned": rate(d2h),
        "hostToDevicePageable": rate(h2d_pageable),
        "llama8bWeightsHostToDeviceSeconds": LLAMA_8B_BYTES / best_pinned,
        "llama70bWeightsHostToDeviceSeconds": LLAMA_70B_BYTES / best_pinned,
    }


def disk_to_gpu(gib, where):
    path = os.path.join(where, "ballast-weights.bin")
    chunk = 256 * 2**20
    block = os.urandom(chunk)
    n = gib * 2**30
    t = time.perf_counter()
    with open(path, "wb") as f:
        for _ in range(n // chunk):
            f.write(block)
        f.flush()
        os.fsync(f.fileno())
    write_s = time.perf_counter() - t

    def load():
        fd = os.open(path, os.O_RDONLY)
        staging = torch.empty(chunk, dtype=torch.uint8, pin_memory=True)
        dev = torch.empty(n, dtype=torch.uint8, device="cuda")
        view = memoryview(staging.numpy())
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        off = 0
        while off < n:
            got = os.readv(fd, [view])
            dev[off:off + got].copy_(staging[:got])
            off += got
        torch.cuda.synchronize()
        os.close(fd)
        return time.perf_counter() - t0

    fd = os.open(path, os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
    cold = load()
    warm = load()
    os.remove(path)
    df = subprocess.run(["df", "-h", where], capture_output=True, text=True).stdout
    return {
        "bytes": n,
        "where": where,
        "df": df,
        "writeFsyncGBperS": n / write_s / 1e9,
        "coldCacheDiskToGpuGBperS": n / cold / 1e9,
        "pageCacheToGpuGBperS": n / warm / 1e9,
        "llama8bWeightsColdDiskSeconds": LLAMA_8B_BYTES / (n / cold),
    }


def main():
    out = sys.argv[1]
    gib_copy = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    gib_disk = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    facts = {"nvml": nvml_facts(), "torch": torch.__version__, "device": torch.cuda.get_device_name(0)}
    print(json.dumps(facts["nvml"], indent=1), flush=True)
    facts["copies"] = copies(gib_copy)
    print(json.dumps(facts["copies"], indent=1), flush=True)
    try:
        facts["disk"] = disk_to_gpu(gib_disk, os.getcwd()) if gib_disk > 0 else "skipped"
    except OSError as e:
        facts["disk"] = "failed: " + str(e)
    print(json.dumps(facts["disk"], indent=1), flush=True)
    smi = subprocess.run(["nvidia-smi", "mig", "-lgip"], capture_output=True, text=True)
    facts["nvidiaSmiMigLgip"] = smi.stdout + smi.stderr
    print(facts["nvidiaSmiMigLgip"], flush=True)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "device-facts.json"), "w") as f:
        json.dump(facts, f, indent=1)


if __name__ == "__main__":
    main()
