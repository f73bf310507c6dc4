#!/usr/bin/env python3
"""PyTorch peer of `malam4com bench models`: the same pre-norm LAM (Models/TransformerModel.cs),
the same NMSE loss, AdamW and batch 256, timed the same way (two warm-up steps, then --steps).
Prints one JSON object. Exits 1 with a message when torch is not installed (Debian: python3-torch)."""
import argparse
import json
import sys
import time

try:
    import torch
    from torch import nn
    import torch.nn.functional as F
except ImportError:
    print("python3 has no torch module (install Debian's python3-torch)", file=sys.stderr)
    sys.exit(1)

TOKENS, WIDTH, BATCH = 32, 64, 256


def attention(q, k, v):
    # Debian 12's torch 1.13 predates F.scaled_dot_product_attention (2.0); the explicit form is the same maths.
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v)
    return torch.softmax(q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5, dim=-1) @ v


class Block(nn.Module):
    def __init__(self, d, f, heads):
        super().__init__()
        self.heads = heads
        self.qkv, self.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.expand, self.contract = nn.Linear(d, f), nn.Linear(f, d)
        self.norm1, self.norm2 = nn.LayerNorm(d), nn.LayerNorm(d)

    def attend(self, x):
        n, t, d = x.shape
        q, k, v = self.qkv(x).view(n, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        return self.out(attention(q, k, v).transpose(1, 2).reshape(n, t, d))

    def forward(self, x):
        h = x + self.attend(self.norm1(x))
        return h + self.contract(F.gelu(self.expand(self.norm2(h))))


class Lam(nn.Module):
    def __init__(self, blocks, d, f, heads, stem_rank):
        super().__init__()
        self.input, self.output = nn.Linear(WIDTH, d), nn.Linear(d, WIDTH)
        self.stem = nn.Sequential(nn.Linear(TOKENS * WIDTH, stem_rank, bias=False), nn.Linear(stem_rank, TOKENS * d)) if stem_rank else None
        self.position = nn.Parameter(torch.randn(1, TOKENS, d) * 0.02)
        self.blocks = nn.ModuleList(Block(d, f, heads) for _ in range(blocks))
        self.norm = nn.LayerNorm(d)

    def forward(self, x):
        h = self.input(x) + self.position
        if self.stem is not None:
            h = h + self.stem(x.reshape(x.shape[0], -1)).view(h.shape)
        for block in self.blocks:
            h = block(h)
        return x + self.output(self.norm(h))


def main():
    p = argparse.ArgumentParser()
    for name in ("blocks", "d-model", "d-ff", "heads", "stem-rank", "steps", "threads"):
        p.add_argument("--" + name, type=int, required=True)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = Lam(a.blocks, a.d_model, a.d_ff, a.heads, a.stem_rank)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    x, y = torch.randn(BATCH, TOKENS, WIDTH), torch.randn(BATCH, TOKENS, WIDTH)
    for step in range(-2, a.steps):
        if step == 0:
            start = time.perf_counter()
        loss = ((model(x) - y).square().sum((1, 2)) / y.square().sum((1, 2))).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    rate = a.steps * BATCH / (time.perf_counter() - start)
    print(json.dumps({"lam_train_samples_per_s": rate, "torch": torch.__version__, "threads": a.threads}))


if __name__ == "__main__":
    main()
