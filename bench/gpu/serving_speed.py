"""Times the two phases of serving a Llama-3.1-8B-shaped model on one GPU, to check the catalog's
serving profiles (DefaultModels.LLAMA_8B): prefill tokens per second, and the decode step's
inter-token latency against the batch size, ITL(b) = ITL(1) x (1 + growth x (b - 1)).

The model has Llama-3.1-8B's shapes (32 layers, hidden 4096, 32 query and 8 KV heads of 128,
MLP 14336, vocabulary 128256) in bf16 with random weights: speed depends on shapes, not values,
and nothing can be downloaded on the device. The decode step is captured in a CUDA graph, as
vLLM does, and attends over a dense KV cache of `context` tokens per sequence with PyTorch's
scaled_dot_product_attention. Left out: rotary embeddings, sampling, paging and the scheduler,
so these are a floor that a real server approaches, not a server's figures.

Usage: python3 bench/gpu/serving_speed.py OUT_DIR [SHAPE ...]   (shapes: 8b, 70b-tp2, 70b-tp4)
"""

import json
import os
import sys
import time

import torch
import torch.nn.functional as F

# Llama-3.1 shapes; a "-tpN" shape is one GPU's shard under N-way tensor parallelism (heads, MLP and
# vocabulary split N ways, as vLLM shards them), timed without the all-reduces that join the shards.
SHAPES = {
    "8b": dict(layers=32, hidden=4096, heads=32, kv_heads=8, mlp=14336, vocab=128256, tp=1),
    "70b-tp2": dict(layers=80, hidden=8192, heads=64, kv_heads=8, mlp=28672, vocab=128256, tp=2),
    "70b-tp4": dict(layers=80, hidden=8192, heads=64, kv_heads=8, mlp=28672, vocab=128256, tp=4),
}
HEAD_DIM = 128
DT = torch.bfloat16
HIDDEN = LAYERS = HEADS = KV_HEADS = MLP = VOCAB = 0


def use_shape(name):
    global HIDDEN, LAYERS, HEADS, KV_HEADS, MLP, VOCAB
    s = SHAPES[name]
    HIDDEN, LAYERS = s["hidden"], s["layers"]
    HEADS, KV_HEADS, MLP, VOCAB = s["heads"] // s["tp"], s["kv_heads"] // s["tp"], s["mlp"] // s["tp"], s["vocab"] // s["tp"]


def make_weights():
    g = torch.Generator(device="cuda").manual_seed(0)

    def w(rows, cols):
        return torch.randn(rows, cols, device="cuda", dtype=DT, generator=g) * 0.02

    layers = []
    for _ in range(LAYERS):
        layers.append({
            "qkv": w((HEADS + 2 * KV_HEADS) * HEAD_DIM, HIDDEN),
            "o": w(HIDDEN, HEADS * HEAD_DIM),
            "gate_up": w(2 * MLP, HIDDEN),
            "down": w(HIDDEN, MLP),
            "n1": torch.ones(HIDDEN, device="cuda", dtype=DT),
            "n2": torch.ones(HIDDEN, device="cuda", dtype=DT),
        })
    return layers, w(VOCAB, HIDDEN)


def rms(x, weight):
    xf = x.float()
    return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + 1e-5)).to(DT) * weight


def attention(q, k, v, causal):
    try:
        return F.scaled_dot_product_attention(q, k, v, is_causal=causal, enable_gqa=True)
    except TypeError:
        rep = HEADS // KV_HEADS
        return F.scaled_dot_product_attention(q, k.repeat_interleave(rep, 1), v.repeat_interleave(rep, 1), is_causal=causal)


def layer_pass(x, lw, batch, seq, k_cache=None, v_cache=None):
    """x: [batch*seq, HIDDEN]. With caches (decode, seq == 1) the new K/V go into the last slot."""
    h = rms(x, lw["n1"])
    qkv = h @ lw["qkv"].t()
    qw = HEADS * HEAD_DIM
    q = qkv[:, :qw].view(batch, seq, HEADS, HEAD_DIM).transpose(1, 2)
    k = qkv[:, qw:qw + KV_HEADS * HEAD_DIM].view(batch, seq, KV_HEADS, HEAD_DIM).transpose(1, 2)
    v = qkv[:, qw + KV_HEADS * HEAD_DIM:].view(batch, seq, KV_HEADS, HEAD_DIM).transpose(1, 2)
    if k_cache is not None:
        k_cache[:, :, -1:].copy_(k)
        v_cache[:, :, -1:].copy_(v)
        a = attention(q, k_cache, v_cache, causal=False)
    else:
        a = attention(q, k, v, causal=True)
    x = x + a.transpose(1, 2).reshape(batch * seq, qw) @ lw["o"].t()
    gu = rms(x, lw["n2"]) @ lw["gate_up"].t()
    gate, up = gu.chunk(2, dim=-1)
    return x + (F.silu(gate) * up) @ lw["down"].t()


def timed_ms(fn, reps):
    torch.cuda.synchronize()
    t = time.perf_counter()
    for _ in range(reps):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - t) / reps * 1000


def decode_itl(layers, head, batch, context):
    k_caches = [torch.randn(batch, KV_HEADS, context, HEAD_DIM, device="cuda", dtype=DT) for _ in range(LAYERS)]
    v_caches = [torch.randn(batch, KV_HEADS, context, HEAD_DIM, device="cuda", dtype=DT) for _ in range(LAYERS)]
    x_in = torch.randn(batch, HIDDEN, device="cuda", dtype=DT)

    def step():
        x = x_in
        for lw, kc, vc in zip(layers, k_caches, v_caches):
            x = layer_pass(x, lw, batch, 1, kc, vc)
        return rms(x, layers[0]["n1"]) @ head.t()

    eager_ms = timed_ms(step, 3)
    graphed = None
    try:
        s = torch.cuda.Stream()
        s.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(s):
            for _ in range(2):
                step()
        torch.cuda.current_stream().wait_stream(s)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            step()
        graph.replay()
        graphed = timed_ms(graph.replay, 20)
        del graph
    except Exception as e:  # a capture failure still leaves the eager figure
        print("graph capture failed:", e, flush=True)
    del k_caches, v_caches
    torch.cuda.empty_cache()
    return {"batch": batch, "context": context, "eagerMs": eager_ms, "graphMs": graphed}


def prefill_rate(layers, head, batch, seq):
    x_in = torch.randn(batch * seq, HIDDEN, device="cuda", dtype=DT)

    def run():
        x = x_in
        for lw in layers:
            x = layer_pass(x, lw, batch, seq)
        # the first token's logits only, one per sequence, as a server computes them
        return rms(x.view(batch, seq, HIDDEN)[:, -1], layers[0]["n1"]) @ head.t()

    run()
    ms = timed_ms(run, 5)
    return {"batch": batch, "seq": seq, "ms": ms, "tokensPerSecond": batch * seq / ms * 1000}


def main():
    out = sys.argv[1]
    for shape in sys.argv[2:] or ["8b"]:
        use_shape(shape)
        res = measure(shape)
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "serving-speed-" + shape + ".json"), "w") as f:
            json.dump(res, f, indent=1)
        torch.cuda.empty_cache()


def measure(shape):
    res = {"device": torch.cuda.get_device_name(0), "torch": torch.__version__, "shape": shape, "shapeDims": SHAPES[shape]}
    layers, head = make_weights()
    res["weightBytesReadPerStep"] = sum(t.numel() * 2 for lw in layers for t in lw.values()) + head.numel() * 2
    res["decode"] = []
    for batch in ((1, 8, 32, 64, 128) if SHAPES[shape]["tp"] == 1 else (1, 8, 32)):
        try:
            r = decode_itl(layers, head, batch, 1024)
        except Exception as e:
            r = {"batch": batch, "error": str(e)}
        print(json.dumps(r), flush=True)
        res["decode"].append(r)
    res["prefill"] = []
    for batch, seq in (((1, 2048), (4, 2048), (8, 1024)) if SHAPES[shape]["tp"] == 1 else ((4, 2048),)):
        try:
            r = prefill_rate(layers, head, batch, seq)
        except Exception as e:
            r = {"batch": batch, "seq": seq, "error": str(e)}
        print(json.dumps(r), flush=True)
        res["prefill"].append(r)
    print(json.dumps({k: v for k, v in res.items() if k not in ("decode", "prefill")}), flush=True)
    del layers, head
    return res


if __name__ == "__main__":
    main()
