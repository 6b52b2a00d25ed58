"""Writes reference.json: parameter totals, per-leaf-module output shapes and
MACs (Conv2d + Linear only, per image) for the D2L networks in d2l_nets.py.
Run with Debian's python: /usr/bin/python3 reference.py"""
import json
import os
import torch
from torch import nn
from d2l_nets import NETS


def leaf_macs(m, out):
    if isinstance(m, nn.Conv2d):
        kh, kw = m.kernel_size
        return out.numel() * (m.in_channels // m.groups) * kh * kw  # Cout*Hout*Wout*...
    if isinstance(m, nn.Linear):
        return m.in_features * m.out_features
    return 0


def describe(build, input_shape):
    torch.manual_seed(0)
    net = build().eval()
    layers, macs = [], 0

    def hook(m, _inp, out):
        nonlocal macs
        macs += leaf_macs(m, out[0])
        layers.append({'name': m._ref_name, 'type': type(m).__name__,
                       'outputShape': list(out.shape[1:]),
                       'params': sum(p.numel() for p in m.parameters())})

    for name, m in net.named_modules():
        if not list(m.children()):
            m._ref_name = name
            m.register_forward_hook(hook)
    with torch.no_grad():
        net(torch.zeros(1, *input_shape))
    return {'input': input_shape,
            'totalParams': sum(p.numel() for p in net.parameters()),
            'trainableParams': sum(p.numel() for p in net.parameters() if p.requires_grad),
            'layers': layers, 'macs': macs}


if __name__ == '__main__':
    ref = {name: describe(build, shape) for name, (build, shape) in NETS.items()}
    assert ref['lenet']['totalParams'] == 61_706, ref['lenet']['totalParams']
    assert ref['resnet18']['totalParams'] == 11_178_378, ref['resnet18']['totalParams']
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reference.json')
    with open(path, 'w') as f:
        json.dump(ref, f, indent=1)
        f.write('\n')
    print(f"{'network':<12} {'input':<12} {'totalParams':>12} {'macs':>15}")
    for name, r in ref.items():
        print(f"{name:<12} {'x'.join(map(str, r['input'])):<12} "
              f"{r['totalParams']:>12,} {r['macs']:>15,}")
