"""Checks of the bound on request streams whose optimum is known: python3 bench/bound/test_lead_time_bound.py"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from lead_time_bound import bound  # noqa: E402


def burst(at, prefill_gpu_s, n=10):
    """n requests in the same second whose prefills need prefill_gpu_s GPU-seconds in all, no decode."""
    return [(at + i / (10 * n), prefill_gpu_s / n, 0.0) for i in range(n)]


class LeadTimeBoundTest(unittest.TestCase):
    def test_without_start_up_it_is_the_work(self):
        reqs = {"s": [(0.0, 0.0, 0.0)] + burst(100, 6.0)}
        gpu_s, work, _, _ = bound(reqs, 0, 2, 1.0, 1, [1, 2, 5])
        self.assertAlmostEqual(gpu_s, work, places=6)

    def test_a_burst_after_a_long_calm_pays_its_start_up_on_the_capacity_it_needs(self):
        # 6 GPU-s of prefill arriving within one second must be done within 3 s: 2 GPUs for 3 s, started
        # once at 30 s each (the calm before is longer than the start-up, so holding them would cost more)
        reqs = {"s": [(0.0, 0.0, 0.0)] + burst(100, 6.0)}
        gpu_s, _, _, _ = bound(reqs, 30, 2, 1.0, 1, [1, 2, 5])
        self.assertAlmostEqual(gpu_s, 2 * 3 + 2 * 30, places=4)

    def test_bursts_closer_than_a_start_up_hold_the_capacity_between_them(self):
        # the same burst twice, 10 s apart: holding 2 GPUs through the gap (2 x 7 s) beats starting again (2 x 30 s)
        reqs = {"s": [(0.0, 0.0, 0.0)] + burst(100, 6.0) + burst(110, 6.0)}
        gpu_s, _, _, _ = bound(reqs, 30, 2, 1.0, 1, [1, 2, 5])
        self.assertAlmostEqual(gpu_s, 2 * 30 + 2 * 13, places=4)

    def test_the_requests_allowed_to_miss_are_the_costliest_to_serve(self):
        # one of 100 requests may miss: the bound drops the lone request that a burst of its own would serve
        reqs = {"s": [(0.0, 0.0, 0.0)] + burst(100, 6.0, n=98) + [(500.0, 3.0, 0.0)]}
        with_miss, _, _, _ = bound(reqs, 30, 2, 0.99, 1, [1, 2, 5])
        without, _, _, _ = bound(reqs, 30, 2, 1.0, 1, [1, 2, 5])
        self.assertAlmostEqual(without - with_miss, 3.0 + 30, places=3)


if __name__ == "__main__":
    unittest.main()
