"""Parameter totals and MACs (Conv2d + Linear, per image; a Linear applied channels-last counts once per
position) of torchvision's MobileNetV2, EfficientNet-B0, ConvNeXt-T and ResNet-18: the numbers networks/mobilenet_v2.net,
efficientnet_b0.net, convnext_t.net and resnet18_torchvision.net are pinned to in test/compiler/networks.test.ts.
The small variants take 1 input channel and 10 classes at 28x28 (ConvNeXt-T with a 2x2 patchify stem, so
its three downsamplings fit). Model definitions only, no weights. Run: /usr/bin/python3 torchvision_nets.py"""
import torch
import torchvision
from torch import nn


def macs_of(net, shape):
    total = 0

    def hook(m, _inp, out):
        nonlocal total
        if isinstance(m, nn.Conv2d):
            kh, kw = m.kernel_size
            total += out[0].numel() * (m.in_channels // m.groups) * kh * kw
        elif isinstance(m, nn.Linear):
            total += (out[0].numel() // m.out_features) * m.in_features * m.out_features

    hooks = [m.register_forward_hook(hook) for m in net.modules() if not list(m.children())]
    with torch.no_grad():
        net.eval()(torch.zeros(1, *shape))
    for h in hooks:
        h.remove()
    return total


def replace_first_conv(net, channels, patch=None):
    first = next(m for m in net.modules() if isinstance(m, nn.Conv2d))
    kernel = (patch, patch) if patch else first.kernel_size
    stride = (patch, patch) if patch else first.stride
    new = nn.Conv2d(channels, first.out_channels, kernel, stride, first.padding, bias=first.bias is not None)
    for parent in net.modules():
        for child_name, child in parent.named_children():
            if child is first:
                setattr(parent, child_name, new)
    return net


NETS = {
    'MobileNetV2': (torchvision.models.mobilenet_v2, None),
    'EfficientNetB0': (torchvision.models.efficientnet_b0, None),
    'ConvNeXtT': (torchvision.models.convnext_tiny, 2),
    'ResNet18Torchvision': (torchvision.models.resnet18, None),
}

if __name__ == '__main__':
    print(f"{'network':<16} {'input':<10} {'classes':>7} {'params':>12} {'macs':>15}")
    for name, (build, small_patch) in NETS.items():
        for classes, channels, size, patch in [(1000, 3, 224, None), (10, 1, 28, small_patch)]:
            net = build(num_classes=classes)
            if channels != 3 or patch:
                replace_first_conv(net, channels, patch)
            params = sum(p.numel() for p in net.parameters())
            print(f"{name:<16} {f'{channels}x{size}x{size}':<10} {classes:>7} {params:>12} {macs_of(net, (channels, size, size)):>15}")
