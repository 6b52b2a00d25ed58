"""D2L "Modern CNNs" networks (PyTorch edition, d2l.ai), rebuilt with explicit
(non-lazy) layers: 1 input channel, 10 classes. Module paths follow D2L's block
names where D2L names them (b1..b5, dense_blk1, tran_blk1, last, ...)."""
from collections import OrderedDict
import torch
from torch import nn
from torch.nn import functional as F


def seq(**named):
    return nn.Sequential(OrderedDict(named))


# ---- LeNet / BN-LeNet (28x28) ----
def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Sigmoid(), nn.AvgPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.Sigmoid(), nn.AvgPool2d(2, 2), nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.Sigmoid(), nn.Linear(84, 10))


def lenet_bn():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.BatchNorm2d(6), nn.Sigmoid(), nn.AvgPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.BatchNorm2d(16), nn.Sigmoid(), nn.AvgPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(16 * 4 * 4, 120), nn.BatchNorm1d(120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.BatchNorm1d(84), nn.Sigmoid(), nn.Linear(84, 10))


# ---- AlexNet (224x224) ----
def alexnet(lrn=False):
    norm = lambda: [nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2)] if lrn else []
    return nn.Sequential(
        nn.Conv2d(1, 96, 11, stride=4, padding=1), nn.ReLU(), *norm(), nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, 5, padding=2), nn.ReLU(), *norm(), nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Flatten(),
        nn.Linear(256 * 5 * 5, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 10))


def alexnet_lrn():
    return alexnet(lrn=True)


# ---- VGG-11 (224x224) ----
def vgg_block(num_convs, cin, cout):
    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU()]
        cin = cout
    return nn.Sequential(*layers, nn.MaxPool2d(2, 2))


def vgg(arch):
    blocks, cin = [], 1
    for num_convs, cout in arch:
        blocks.append(vgg_block(num_convs, cin, cout))
        cin = cout
    return nn.Sequential(
        *blocks, nn.Flatten(),
        nn.Linear(cin * 7 * 7, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 10))


VGG11_ARCH = ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))


def vgg11():
    return vgg(VGG11_ARCH)


def vgg11_small():  # D2L: ratio = 4
    return vgg([(n, c // 4) for n, c in VGG11_ARCH])


# ---- NiN (224x224) ----
def nin_block(cin, cout, k, s, p):
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, s, p), nn.ReLU(),
        nn.Conv2d(cout, cout, 1), nn.ReLU(),
        nn.Conv2d(cout, cout, 1), nn.ReLU())


def nin():
    return nn.Sequential(
        nin_block(1, 96, 11, 4, 0), nn.MaxPool2d(3, 2),
        nin_block(96, 256, 5, 1, 2), nn.MaxPool2d(3, 2),
        nin_block(256, 384, 3, 1, 1), nn.MaxPool2d(3, 2),
        nn.Dropout(0.5),
        nin_block(384, 10, 3, 1, 1),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())


# ---- GoogLeNet (96x96) ----
class Inception(nn.Module):
    def __init__(self, cin, c1, c2, c3, c4):
        super().__init__()
        self.b1_1 = nn.Conv2d(cin, c1, 1)
        self.b2_1 = nn.Conv2d(cin, c2[0], 1)
        self.b2_2 = nn.Conv2d(c2[0], c2[1], 3, padding=1)
        self.b3_1 = nn.Conv2d(cin, c3[0], 1)
        self.b3_2 = nn.Conv2d(c3[0], c3[1], 5, padding=2)
        self.b4_1 = nn.MaxPool2d(3, stride=1, padding=1)
        self.b4_2 = nn.Conv2d(cin, c4, 1)
        self.out_channels = c1 + c2[1] + c3[1] + c4

    def forward(self, x):
        b1 = F.relu(self.b1_1(x))
        b2 = F.relu(self.b2_2(F.relu(self.b2_1(x))))
        b3 = F.relu(self.b3_2(F.relu(self.b3_1(x))))
        b4 = F.relu(self.b4_2(self.b4_1(x)))
        return torch.cat((b1, b2, b3, b4), dim=1)


def googlenet():
    return seq(
        b1=nn.Sequential(nn.Conv2d(1, 64, 7, 2, 3), nn.ReLU(), nn.MaxPool2d(3, 2, 1)),
        b2=nn.Sequential(nn.Conv2d(64, 64, 1), nn.ReLU(),
                         nn.Conv2d(64, 192, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2, 1)),
        b3=nn.Sequential(Inception(192, 64, (96, 128), (16, 32), 32),
                         Inception(256, 128, (128, 192), (32, 96), 64),
                         nn.MaxPool2d(3, 2, 1)),
        b4=nn.Sequential(Inception(480, 192, (96, 208), (16, 48), 64),
                         Inception(512, 160, (112, 224), (24, 64), 64),
                         Inception(512, 128, (128, 256), (24, 64), 64),
                         Inception(512, 112, (144, 288), (32, 64), 64),
                         Inception(528, 256, (160, 320), (32, 128), 128),
                         nn.MaxPool2d(3, 2, 1)),
        b5=nn.Sequential(Inception(832, 256, (160, 320), (32, 128), 128),
                         Inception(832, 384, (192, 384), (48, 128), 128),
                         nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten()),
        last=nn.Linear(1024, 10))


# ---- ResNet-18 (96x96) ----
def stem():  # b1 shared by ResNet and DenseNet
    return nn.Sequential(nn.Conv2d(1, 64, 7, 2, 3), nn.BatchNorm2d(64), nn.ReLU(),
                         nn.MaxPool2d(3, 2, 1))


class Residual(nn.Module):
    """D2L Residual: conv biases on; the 1x1 shortcut conv has no BatchNorm."""
    def __init__(self, cin, cout, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, stride=strides)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        self.conv3 = nn.Conv2d(cin, cout, 1, stride=strides) if use_1x1conv else None
        self.bn1 = nn.BatchNorm2d(cout)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        if self.conv3 is not None:
            x = self.conv3(x)
        return F.relu(y + x)


def resnet_block(cin, cout, num_residuals, first_block=False):
    blk = []
    for i in range(num_residuals):
        if i == 0 and not first_block:
            blk.append(Residual(cin, cout, use_1x1conv=True, strides=2))
        else:
            blk.append(Residual(cout, cout))
    return nn.Sequential(*blk)


def resnet18():
    arch = ((2, 64), (2, 128), (2, 256), (2, 512))
    blocks, cin = OrderedDict(b1=stem()), 64
    for i, (n, c) in enumerate(arch):
        blocks[f'b{i + 2}'] = resnet_block(cin, c, n, first_block=(i == 0))
        cin = c
    blocks['last'] = nn.Sequential(nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
                                   nn.Linear(cin, 10))
    return nn.Sequential(blocks)


# ---- DenseNet (96x96) ----
def conv_block(cin, cout):
    return nn.Sequential(nn.BatchNorm2d(cin), nn.ReLU(), nn.Conv2d(cin, cout, 3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_convs, cin, growth):
        super().__init__()
        self.net = nn.Sequential(*[conv_block(cin + i * growth, growth)
                                   for i in range(num_convs)])

    def forward(self, x):
        for blk in self.net:
            x = torch.cat((x, blk(x)), dim=1)
        return x


def transition_block(cin, cout):
    return nn.Sequential(nn.BatchNorm2d(cin), nn.ReLU(), nn.Conv2d(cin, cout, 1),
                         nn.AvgPool2d(2, 2))


def densenet(num_channels=64, growth_rate=32, arch=(4, 4, 4, 4)):
    blocks = OrderedDict(b1=stem())
    for i, num_convs in enumerate(arch):
        blocks[f'dense_blk{i + 1}'] = DenseBlock(num_convs, num_channels, growth_rate)
        num_channels += num_convs * growth_rate
        if i != len(arch) - 1:
            blocks[f'tran_blk{i + 1}'] = transition_block(num_channels, num_channels // 2)
            num_channels //= 2
    blocks['last'] = nn.Sequential(nn.BatchNorm2d(num_channels), nn.ReLU(),
                                   nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(),
                                   nn.Linear(num_channels, 10))
    return nn.Sequential(blocks)


# ---- Modern-CNN variants at 28x28 (3x3 stem, no pooling; bias-free convs before BN) ----
# Written independently from the papers, with the hyper-parameters of the matching
# networks/*.net files, so a mismatch points at the .net file or the compiler.

def conv_bn(cin, cout, k, stride=1, pad=0, groups=1):
    return [nn.Conv2d(cin, cout, k, stride=stride, padding=pad, groups=groups, bias=False),
            nn.BatchNorm2d(cout)]


def stem28(cout):
    return nn.Sequential(*conv_bn(1, cout, 3, pad=1), nn.ReLU())


# SE-ResNet-18 (Hu et al. 2018): SE (reduction 16, FC layers with bias) rescales the
# residual branch before the addition; projection shortcut = 1x1 conv + BN.
class SqueezeExcite(nn.Module):
    def __init__(self, c, reduction=16):
        super().__init__()
        self.squeeze = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                     nn.Linear(c, c // reduction), nn.ReLU(),
                                     nn.Linear(c // reduction, c), nn.Sigmoid())

    def forward(self, x):
        return x * self.squeeze(x)[:, :, None, None]


class SEBasic(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.body = nn.Sequential(*conv_bn(cin, cout, 3, stride, 1), nn.ReLU(),
                                  *conv_bn(cout, cout, 3, 1, 1))
        self.se = SqueezeExcite(cout)
        self.shortcut = (nn.Sequential(*conv_bn(cin, cout, 1, stride))
                         if stride != 1 or cin != cout else None)

    def forward(self, x):
        y = self.se(self.body(x))
        return F.relu(y + (self.shortcut(x) if self.shortcut is not None else x))


def se_resnet18():
    blocks, cin = OrderedDict(stem=stem28(64)), 64
    for i, c in enumerate((64, 128, 256, 512)):
        s = 1 if i == 0 else 2
        blocks[f'stage{i + 1}'] = nn.Sequential(SEBasic(cin, c, s), SEBasic(c, c))
        cin = c
    blocks['pool'] = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
    blocks['head'] = nn.Linear(cin, 10)
    return nn.Sequential(blocks)


# ResNeXt (Xie et al. 2017; D2L 8.6.5): 1x1 -> grouped 3x3 (cardinality 32, stride here)
# -> 1x1, BN after each; projection shortcut = 1x1 conv + BN.
class ResNeXtBlock(nn.Module):
    def __init__(self, cin, cout, width, groups=32, stride=1):
        super().__init__()
        self.body = nn.Sequential(*conv_bn(cin, width, 1), nn.ReLU(),
                                  *conv_bn(width, width, 3, stride, 1, groups), nn.ReLU(),
                                  *conv_bn(width, cout, 1))
        self.shortcut = (nn.Sequential(*conv_bn(cin, cout, 1, stride))
                         if stride != 1 or cin != cout else None)

    def forward(self, x):
        y = self.body(x)
        return F.relu(y + (self.shortcut(x) if self.shortcut is not None else x))


def resnext(cardinality=32):
    blocks, cin = OrderedDict(stem=stem28(64)), 64
    for i, (c, w) in enumerate(((256, 128), (512, 256), (1024, 512))):
        s = 1 if i == 0 else 2
        blocks[f'stage{i + 1}'] = nn.Sequential(ResNeXtBlock(cin, c, w, cardinality, s),
                                                ResNeXtBlock(c, c, w, cardinality))
        cin = c
    blocks['pool'] = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
    blocks['head'] = nn.Linear(cin, 10)
    return nn.Sequential(blocks)


# ShuffleNet v1, g = 3 (Zhang et al. 2018): bottleneck = out/4; group 1x1 (ungrouped in the
# first unit of stage 2) -> shuffle -> depthwise 3x3 (no ReLU) -> group 1x1 (no ReLU);
# stride-2 units concat a 3x3/2 avg-pooled shortcut; ReLU after add/concat.
class ChannelShuffle(nn.Module):
    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        n, c, h, w = x.shape
        return x.reshape(n, self.groups, c // self.groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class ShuffleUnit(nn.Module):
    def __init__(self, cin, cout, groups=3, stride=1, first_groups=None):
        super().__init__()
        first_groups = groups if first_groups is None else first_groups
        mid = cout // 4
        self.stride = stride
        self.pool = nn.AvgPool2d(3, 2, 1) if stride == 2 else None
        branch_out = cout - cin if stride == 2 else cout
        self.branch = nn.Sequential(*conv_bn(cin, mid, 1, groups=first_groups), nn.ReLU(),
                                    ChannelShuffle(groups),
                                    *conv_bn(mid, mid, 3, stride, 1, groups=mid),
                                    *conv_bn(mid, branch_out, 1, groups=groups))

    def forward(self, x):
        if self.stride == 2:
            return F.relu(torch.cat((self.pool(x), self.branch(x)), dim=1))
        return F.relu(x + self.branch(x))


def shufflenet(groups=3):
    blocks, cin = OrderedDict(stem=stem28(24)), 24
    for i, (c, units) in enumerate(((240, 4), (480, 8), (960, 4))):
        fg = 1 if i == 0 else groups
        units_ = [ShuffleUnit(cin, c, groups, 2, fg)] + [ShuffleUnit(c, c, groups)
                                                          for _ in range(units - 1)]
        blocks[f'stage{i + 2}'] = nn.Sequential(*units_)
        cin = c
    blocks['pool'] = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
    blocks['head'] = nn.Linear(cin, 10)
    return nn.Sequential(blocks)


def fashion_net(width=48):  # netc's own design (networks/fashion_net.net), not from D2L
    def cbr(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    return nn.Sequential(*cbr(1, 32), nn.MaxPool2d(2, 2), *cbr(32, width), *cbr(width, width), nn.MaxPool2d(2, 2),
                         *cbr(width, 2 * width), *cbr(2 * width, 2 * width), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(2 * width, 10))


# name -> (constructor, input [C, H, W])
NETS = OrderedDict(
    lenet=(lenet, [1, 28, 28]),
    lenet_bn=(lenet_bn, [1, 28, 28]),
    alexnet=(alexnet, [1, 224, 224]),
    alexnet_lrn=(alexnet_lrn, [1, 224, 224]),
    vgg11=(vgg11, [1, 224, 224]),
    vgg11_small=(vgg11_small, [1, 224, 224]),
    nin=(nin, [1, 224, 224]),
    googlenet=(googlenet, [1, 96, 96]),
    resnet18=(resnet18, [1, 96, 96]),
    resnet18_28=(resnet18, [1, 28, 28]),
    densenet=(densenet, [1, 96, 96]),
    se_resnet18=(se_resnet18, [1, 28, 28]),
    resnext=(resnext, [1, 28, 28]),
    shufflenet=(shufflenet, [1, 28, 28]),
    fashion_net=(fashion_net, [1, 28, 28]),
)
