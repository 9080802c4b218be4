#!/usr/bin/env python3
"""PyTorch side of the import/export tests (Debian's python3-torch, run with /usr/bin/python3).

  torch_models.py save LAYOUT INPUT_SIZE CLASSES SEED OUT.pth
      Builds the tutorial's AlexNet (LAYOUT=tutorial, the seed's model.py) or the Sequential reference
      (LAYOUT=sequential, shared/reference/torch_alexnet.py) for INPUT_SIZE and CLASSES, seeded, and saves
      torch.save(model.state_dict(), OUT.pth).
  torch_models.py classify LAYOUT INPUT_SIZE CLASSES STATE.pth INPUTS.f32 N
      Loads STATE.pth with torch.load(weights_only=True) and load_state_dict(strict=True), runs it in eval mode
      on N images given as float32 NHWC (already normalised), prints the softmax rows as JSON.
"""
import json
import sys

import torch
from torch import nn
import torch.nn.functional as F


class AlexNet(nn.Module):
    """The seed's model.py as written (forward unchanged: no ReLU after f9 and f10, F.dropout without
    training=...). Only f9's in_features and the output size are parameters here (6*6*256 and 7 there)."""

    def __init__(self, flat=6 * 6 * 256, classes=7):
        super(AlexNet, self).__init__()
        self.c1 = nn.Conv2d(in_channels=3, out_channels=96, kernel_size=11, stride=4, padding=2)
        self.Relu = nn.ReLU()
        self.s2 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.c3 = nn.Conv2d(in_channels=96, out_channels=256, kernel_size=5, stride=1, padding=2)
        self.s4 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.c5 = nn.Conv2d(in_channels=256, out_channels=384, kernel_size=3, stride=1, padding=1)
        self.c6 = nn.Conv2d(in_channels=384, out_channels=384, kernel_size=3, stride=1, padding=1)
        self.c7 = nn.Conv2d(in_channels=384, out_channels=256, kernel_size=3, stride=1, padding=1)
        self.s8 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.flatten = nn.Flatten()
        self.f9 = nn.Linear(in_features=flat, out_features=4096)
        self.f10 = nn.Linear(in_features=4096, out_features=4096)
        self.output = nn.Linear(in_features=4096, out_features=classes)

    def forward(self, x):
        x = self.Relu(self.c1(x))
        x = self.s2(x)
        x = self.Relu(self.c3(x))
        x = self.s4(x)
        x = self.Relu(self.c5(x))
        x = self.Relu(self.c6(x))
        x = self.Relu(self.c7(x))
        x = self.s8(x)
        x = self.flatten(x)
        x = F.dropout(x, p=0.5)
        x = self.f9(x)
        x = F.dropout(x, p=0.5)
        x = self.f10(x)
        x = F.dropout(x, p=0.5)
        output = self.output(x)
        return output


def features(input_size):
    """The reference's feature extractor (shared/reference/torch_alexnet.py)."""
    return nn.Sequential(
        nn.Conv2d(3, 96, kernel_size=11, stride=4, padding=2), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(96, 256, kernel_size=5, stride=1, padding=2), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(256, 384, kernel_size=3, stride=1, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, kernel_size=3, stride=1, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, stride=1, padding=1), nn.ReLU(),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Flatten(),
    )


class Reference(nn.Module):
    def __init__(self, input_size, classes):
        super().__init__()
        self.features = features(input_size)
        with torch.no_grad():
            flat = self.features(torch.zeros(1, 3, input_size, input_size)).shape[1]
        self.classifier = nn.Sequential(
            nn.Linear(flat, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
            nn.Linear(4096, classes),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


def build(layout, input_size, classes):
    if layout == "sequential":
        return Reference(input_size, classes)
    with torch.no_grad():
        flat = features(input_size)(torch.zeros(1, 3, input_size, input_size)).shape[1]
    return AlexNet(flat, classes)


def main():
    cmd, layout, input_size, classes = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(1)
    if cmd == "save":
        torch.manual_seed(int(sys.argv[5]))
        model = build(layout, input_size, classes)
        # Default init gives near-equal logits; spread them so that top-1 is not decided by rounding.
        last = model.output if layout == "tutorial" else model.classifier[6]
        with torch.no_grad():
            last.weight.mul_(20)
        torch.save(model.state_dict(), sys.argv[6])
    elif cmd == "classify":
        model = build(layout, input_size, classes)
        model.load_state_dict(torch.load(sys.argv[5], weights_only=True), strict=True)
        model.eval()
        # The seed's F.dropout(x, p=0.5) stays on at test time (training defaults to True): a bug the import
        # does not reproduce, so it is switched off here to compare with the network's deterministic output.
        F.dropout = lambda x, *args, **kwargs: x
        n = int(sys.argv[7])
        with open(sys.argv[6], "rb") as f:
            x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(n, input_size, input_size, 3)
        with torch.no_grad():
            probs = torch.softmax(model(x.permute(0, 3, 1, 2).contiguous()), dim=1)
        print(json.dumps(probs.tolist()))
    else:
        raise SystemExit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
