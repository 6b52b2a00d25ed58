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
)
