#!/usr/bin/python3
"""Train the tiny AOI demo segmentation model on frames written by `ProducerMain simulate --out`.

The network downsamples by 4 in its first layer (a 4x4/stride-4 "patchify" convolution), does its work at 1/4 and
1/8 resolution, and answers at 1/2 resolution (PixelShuffle), so that a 1792x1792 frame costs well under a
giga-MAC. The loss is computed at FULL resolution after a nearest x2 upsampling of the scores -- exactly what the
worker does with the class map (docs/model.md) -- so the model is trained for the metric it is judged by.

Export: ONNX opset 13, input `image` float32 [N,3,H,W] RGB pixel/255 (N, H, W dynamic), output `scores`
float32 [N,5,H/2,W/2] (channel 0 = background), metadata_props aoi.classes and aoi.model_name.

Usage (Debian's python3-torch, python3-onnx, python3-pil, python3-numpy):
    /usr/bin/python3 training/train_demo_model.py --data DIR [--val DIR] [--minutes 20] [--out models/aoi-demo.onnx]
"""
import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

CLASSES = ["PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle"]
NUM_OUT = len(CLASSES) + 1


def conv_bn(cin, cout, k=3, stride=1, dilation=1):
    pad = dilation * (k - 1) // 2 if stride == 1 else (k - 1) // 2
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, stride=stride, padding=pad, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class AoiDemoNet(nn.Module):
    """Stride-4 stem, a dilated 1/8 context branch, a 1/4 fusion, and a PixelShuffle(2) head."""

    def __init__(self, c4=8, c8=16):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, c4, 4, stride=4, bias=False), nn.BatchNorm2d(c4), nn.ReLU(inplace=True))
        self.local4 = conv_bn(c4, c4)
        self.down = conv_bn(c4, c8, stride=2)
        self.ctx = nn.Sequential(conv_bn(c8, c8), conv_bn(c8, c8, dilation=2), conv_bn(c8, c8, dilation=4))
        self.fuse = conv_bn(c4 + c8, 12, k=1)
        self.refine = conv_bn(12, 12)
        self.head = nn.Conv2d(12, NUM_OUT * 4, 1)
        self.shuffle = nn.PixelShuffle(2)

    def forward(self, x):
        s4 = self.local4(self.stem(x))
        s8 = self.ctx(self.down(s4))
        up = F.interpolate(s8, size=s4.shape[-2:], mode="bilinear", align_corners=False)
        f = self.refine(self.fuse(torch.cat([s4, up], dim=1)))
        return self.shuffle(self.head(f))


def load_dataset(path, limit=None):
    names = sorted(n for n in os.listdir(path) if n.startswith("frame_") and not n.endswith("_mask.png"))
    if limit:
        names = names[:limit]
    frames, masks = [], []
    for n in names:
        stem = n.rsplit(".", 1)[0]
        img = np.asarray(Image.open(os.path.join(path, n)).convert("RGB"), dtype=np.uint8)
        mask = np.asarray(Image.open(os.path.join(path, stem + "_mask.png")), dtype=np.uint8)
        frames.append(img)
        masks.append(mask)
    if not frames:
        raise SystemExit(f"no frame_*.png/jpg in {path}: write a dataset with `ProducerMain simulate --out {path}`")
    return frames, masks


def class_pixels(masks, per_frame=3000, seed=0):
    """For each defect class, a sample of (frame, y, x) of its pixels: crops are centred class by class, so the
    small classes are seen as often as PR_Peeling, whose large patches would otherwise own most defect pixels."""
    rng = np.random.default_rng(seed)
    out = {c: [] for c in range(1, NUM_OUT)}
    for i, m in enumerate(masks):
        for c in range(1, NUM_OUT):
            ys, xs = np.nonzero(m == c)
            if len(ys):
                k = rng.choice(len(ys), size=min(per_frame, len(ys)), replace=False)
                out[c].append(np.stack([np.full(len(k), i), ys[k], xs[k]], 1))
    return {c: np.concatenate(v) for c, v in out.items() if v}


def sample_batch(frames, masks, by_class, batch, crop, rng):
    xs = np.empty((batch, 3, crop, crop), dtype=np.float32)
    ys = np.empty((batch, crop, crop), dtype=np.int64)
    classes = sorted(by_class)
    for b in range(batch):
        if rng.random() < 0.75 and classes:
            pts = by_class[classes[rng.randrange(len(classes))]]
            i, cy, cx = pts[rng.randrange(len(pts))]
            cy += rng.randrange(-crop // 3, crop // 3)
            cx += rng.randrange(-crop // 3, crop // 3)
        else:
            i = rng.randrange(len(frames))
            cy, cx = rng.randrange(masks[i].shape[0]), rng.randrange(masks[i].shape[1])
        img, mask = frames[i], masks[i]
        h, w = mask.shape
        # crops start on multiples of 8 so the network's grid matches the one it sees on a whole frame
        y0 = min(max(0, cy - crop // 2), h - crop) // 8 * 8
        x0 = min(max(0, cx - crop // 2), w - crop) // 8 * 8
        xs[b] = img[y0:y0 + crop, x0:x0 + crop].transpose(2, 0, 1) / 255.0
        ys[b] = mask[y0:y0 + crop, x0:x0 + crop]
    return torch.from_numpy(xs), torch.from_numpy(ys)


def full_res_scores(scores, size):
    """Nearest upsampling to the image size: destination (x, y) takes source floor(x*W'/W) (OpenCV INTER_NEAREST)."""
    return F.interpolate(scores, size=size, mode="nearest")


def loss_fn(scores, target):
    """Cross-entropy + soft Dice at full resolution, as if the scores were nearest-upsampled x2 first.

    Upsampling nearest x2 repeats each score over a 2x2 block, so the same losses are computed at the scores' own
    resolution against the four sub-pixel targets of each block -- four times cheaper, identical in value.
    """
    b, h, w = target.shape
    blocks = target.view(b, h // 2, 2, w // 2, 2)
    logp = F.log_softmax(scores, 1)
    ce = sum(F.nll_loss(logp, blocks[:, :, dy, :, dx]) for dy in (0, 1) for dx in (0, 1)) / 4
    prob = logp.exp()
    counts = sum(F.one_hot(blocks[:, :, dy, :, dx], NUM_OUT) for dy in (0, 1) for dx in (0, 1))
    counts = counts.permute(0, 3, 1, 2).float()
    inter = (prob * counts).sum((0, 2, 3))
    denom = 4 * prob.sum((0, 2, 3)) + counts.sum((0, 2, 3))
    dice = 1 - (2 * inter[1:] + 1) / (denom[1:] + 1)
    return ce + dice.mean()


@torch.no_grad()
def evaluate(model, frames, masks):
    model.eval()
    inter = np.zeros(NUM_OUT)
    union = np.zeros(NUM_OUT)
    for img, mask in zip(frames, masks):
        x = torch.from_numpy(img.transpose(2, 0, 1)[None].astype(np.float32) / 255.0)
        pred = full_res_scores(model(x), mask.shape).argmax(1)[0].numpy()
        for c in range(1, NUM_OUT):
            p, t = pred == c, mask == c
            inter[c] += np.logical_and(p, t).sum()
            union[c] += np.logical_or(p, t).sum()
    model.train()
    return {CLASSES[c - 1]: float(inter[c] / union[c]) if union[c] else float("nan") for c in range(1, NUM_OUT)}


def export(model, path, name):
    import onnx
    from onnx import helper
    model.eval()
    dummy = torch.zeros(1, 3, 256, 256)
    torch.onnx.export(model, dummy, path, opset_version=13, input_names=["image"], output_names=["scores"],
                      dynamic_axes={"image": {0: "N", 2: "H", 3: "W"}, "scores": {0: "N", 2: "H_out", 3: "W_out"}},
                      do_constant_folding=True)
    m = onnx.load(path)
    del m.metadata_props[:]
    for key, value in (("aoi.classes", ",".join(CLASSES)), ("aoi.model_name", name)):
        m.metadata_props.append(helper.make_string_string_entry(key, value) if hasattr(helper, "make_string_string_entry")
                                else onnx.StringStringEntryProto(key=key, value=value))
    m.producer_name = "aoi training/train_demo_model.py"
    onnx.checker.check_model(m)
    onnx.save(m, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="dataset directory written by `ProducerMain simulate --out`")
    ap.add_argument("--val", help="held-out dataset (a different seed) to report IoU on at the end")
    ap.add_argument("--out", default="models/aoi-demo.onnx")
    ap.add_argument("--name", default="aoi-demo")
    ap.add_argument("--minutes", type=float, default=20.0, help="wall-clock training budget")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=160)
    ap.add_argument("--lr", type=float, default=4e-3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--init", help="state_dict (.pt) to continue training from")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    t0 = time.time()
    frames, masks = load_dataset(args.data)
    by_class = class_pixels(masks)
    print(f"loaded {len(frames)} frames in {time.time() - t0:.1f}s", flush=True)

    model = AoiDemoNet()
    if args.init:
        model.load_state_dict(torch.load(args.init))
        print(f"continuing from {args.init}", flush=True)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    budget = args.minutes * 60
    start = time.time()
    step, running = 0, 0.0
    while True:
        elapsed = time.time() - start
        if elapsed >= budget:
            break
        lr = args.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * elapsed / budget)))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = sample_batch(frames, masks, by_class, args.batch, args.crop, rng)
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        running = 0.98 * running + 0.02 * loss.item() if step else loss.item()
        step += 1
        if step % 100 == 0:
            print(f"step {step} t={elapsed:.0f}s lr={lr:.5f} loss={running:.4f}", flush=True)
    train_seconds = time.time() - start
    print(f"trained {step} steps in {train_seconds:.0f}s ({params} parameters)", flush=True)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.save(model.state_dict(), os.path.splitext(args.out)[0] + ".pt")
    export(model, args.out, args.name)
    report = {"model_name": args.name, "parameters": params, "train_steps": step,
              "train_seconds": round(train_seconds), "train_threads": args.threads, "batch": args.batch,
              "crop": args.crop, "train_frames": len(frames), "train_data": os.path.abspath(args.data)}
    if args.val:
        vf, vm = load_dataset(args.val, limit=8)
        iou = evaluate(model, vf, vm)
        report["torch_val_iou"] = iou
        report["torch_val_mean_iou"] = float(np.mean(list(iou.values())))
        print("held-out IoU (torch):", json.dumps(iou), "mean", report["torch_val_mean_iou"], flush=True)
    with open(os.path.splitext(args.out)[0] + ".train.json", "w") as f:
        json.dump(report, f, indent=2)
    print(f"wrote {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
