#!/usr/bin/env python3
"""A lower bound on what any policy pays to serve a trace within its TTFT SLO, given that capacity
released and taken again pays a start-up first (docs/results.md, "What start-up costs every policy").

Input: the measured requests of a run, as `ballast simulate --requests FILE.csv` writes them (arrival,
service, tokens, and the GPU-seconds of each request's prefill and decode at the work-conserving
bound's full-batch efficiency). The bound is a linear program over R[t], the GPUs serving each
service in each slot of `--slot` seconds, solved with SciPy's HiGHS:

  minimise   sum_t slot * R[t]  +  restart * sum_t U[t]                    (GPU-seconds, then USD)
  such that  U[t] >= R[t] - R[t-1]                                         every rise pays a start-up
             slot * sum of R over [a, a+w+ttft)  >=  prefill work of the requests arriving in [a, a+w)
                                                     less what the dropped ones among them needed
             slot * sum_t R[t]  >=  all the work, less the dropped requests' share
             dropped requests  <=  (1 - share) of all requests

for every window of the listed lengths starting at every slot. Each constraint holds for every
policy in the twin: a replica prefills at most its profile's rate and does not decode meanwhile,
a request within the SLO has its first token, so its whole prefill, within `ttft` of arriving, and
a replica that starts serving was paid, not serving, for its start-up. The initial capacity is
free, so is capacity held idle between bursts in any tier (sleeping, standby, stopped: each costs
at least nothing). So no policy, however much it knows, pays less in expectation than this
relaxation's optimum, when every start-up takes at least `--restart-seconds` (the twin's start-up
delays are log-normal, so their means exceed the medians given here).
"""
import argparse
import csv
import math
import sys

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog


def read(path):
    by_service = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            by_service.setdefault(row["service"], []).append(
                (float(row["arrival_s"]), float(row["prefill_gpu_s"]), float(row["decode_gpu_s"])))
    if not by_service:
        sys.exit(f"{path}: no requests")
    return by_service


def slots(requests, start, slot, n):
    prefill, count, max_prefill, max_work = (np.zeros(n) for _ in range(4))
    for t, p, d in requests:
        k = min(n - 1, int((t - start) // slot))
        prefill[k] += p
        count[k] += 1
        max_prefill[k] = max(max_prefill[k], p)
        max_work[k] = max(max_work[k], p + d)
    return prefill, count, max_prefill, max_work


def bound(by_service, restart, ttft, share, slot, windows):
    """The bound in GPU-seconds, the work-conserving bound's GPU-seconds, the requests, the constraints."""
    start = min(t for reqs in by_service.values() for t, _, _ in reqs)
    end = max(t for reqs in by_service.values() for t, _, _ in reqs)
    n = int(math.ceil((end - start) / slot)) + 1 + int(math.ceil(ttft / slot))
    reach = int(math.ceil(ttft / slot))
    rows, cols, vals, rhs = [], [], [], []
    cost = []
    total_requests = 0
    work = 0.0
    drop_columns = []

    def add(row, col, val):
        rows.append(row)
        cols.append(col)
        vals.append(val)

    r = 0
    base = 0
    for reqs in by_service.values():
        prefill, count, max_prefill, max_work = slots(reqs, start, slot, n)
        R, U, X = base, base + n, base + 2 * n  # column offsets of this service's variables
        cost += [slot] * n + [restart] * n + [0.0] * n
        for w in sorted({max(1, int(round(x / slot))) for x in windows}):
            sums = np.convolve(prefill, np.ones(w), mode="valid")  # prefill arriving in [a, a+w)
            for a, need in enumerate(sums):
                if need <= 0:
                    continue
                for k in range(a, min(n, a + w + reach)):
                    add(r, R + k, -slot)
                for k in range(a, a + w):
                    add(r, X + k, -max_prefill[k])
                rhs.append(-need)
                r += 1
        for t in range(1, n):
            add(r, R + t, 1.0)
            add(r, R + t - 1, -1.0)
            add(r, U + t, -1.0)
            rhs.append(0.0)
            r += 1
        service_work = sum(p + d for _, p, d in reqs)
        for t in range(n):
            add(r, R + t, -slot)
            add(r, X + t, -max_work[t])
        rhs.append(-service_work)
        r += 1
        drop_columns += [(X + t, count[t]) for t in range(n)]
        total_requests += len(reqs)
        work += service_work
        base += 3 * n
    for col, _ in drop_columns:
        add(r, col, 1.0)
    rhs.append((1 - share) * total_requests)
    r += 1
    upper = [None] * base
    for col, c in drop_columns:
        upper[col] = c
    A = sp.csr_matrix((vals, (rows, cols)), shape=(r, base))
    res = linprog(np.array(cost), A_ub=A, b_ub=np.array(rhs), bounds=list(zip([0.0] * base, upper)), method="highs")
    if res.status != 0:
        sys.exit(f"the linear program did not solve: {res.message}")
    return res.fun, work, total_requests, r


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("requests", help="CSV from `ballast simulate --requests`")
    ap.add_argument("--restart-seconds", default="0,76,121",
                    help="paid start-up of capacity taken again, comma-separated (default 0,76,121: none; a replica's "
                         "weights and engine init on a running node, 16 + 60 s; a stopped node resumed first, 45 + 16 + 60 s)")
    ap.add_argument("--ttft", type=float, default=2.0, help="TTFT target in seconds (default 2)")
    ap.add_argument("--share", type=float, default=0.99, help="share of requests within it (default 0.99)")
    ap.add_argument("--usd-per-gpu-hour", type=float, default=6.88, help="GPU price (default 6.88: p5.4xlarge)")
    ap.add_argument("--slot", type=float, default=1.0, help="time step of the program, seconds (default 1)")
    ap.add_argument("--windows", default="1,2,3,5,8,10,15,20,30,45,60", help="arrival windows, seconds")
    a = ap.parse_args()
    by_service = read(a.requests)
    windows = [float(x) for x in a.windows.split(",")]
    print(f"{a.requests}: {sum(len(v) for v in by_service.values())} requests, {len(by_service)} service(s); "
          f"TTFT {a.ttft:g} s for {a.share:.2%}, slot {a.slot:g} s, windows {a.windows} s")
    print(f"{'restart s':>10} {'bound GPU-h':>12} {'USD':>9} {'x work bound':>13} {'constraints':>12}")
    for restart in (float(x) for x in a.restart_seconds.split(",")):
        gpu_s, work, _, rows = bound(by_service, restart, a.ttft, a.share, a.slot, windows)
        print(f"{restart:>10g} {gpu_s / 3600:>12.2f} {gpu_s / 3600 * a.usd_per_gpu_hour:>9.2f} {gpu_s / work:>13.2f} {rows:>12}")
    print(f"work-conserving bound: {work / 3600:.2f} GPU-h, ${work / 3600 * a.usd_per_gpu_hour:.2f}")


if __name__ == "__main__":
    main()
