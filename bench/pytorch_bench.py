"""The same networks in PyTorch, timed like bench/train_bench.ts: median training-step and inference images/s.

Run by `npm run bench:train` when Debian's python3-torch is installed; prints one JSON object.
Usage: python3 bench/pytorch_bench.py THREADS NAME:BATCH:SIZE ...
"""
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'tools', 'pytorch_reference'))
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import d2l_nets  # noqa: E402

BUILDERS = {'lenet': d2l_nets.lenet, 'lenet_bn': d2l_nets.lenet_bn, 'resnet18': d2l_nets.resnet18,
            'resnext': d2l_nets.resnext, 'densenet': d2l_nets.densenet}


def blas() -> str:
    target = os.path.realpath('/etc/alternatives/libblas.so.3-x86_64-linux-gnu')
    return 'OpenBLAS' if 'openblas' in target else 'reference BLAS' if 'blas' in target else target


def timed(fn, warmup: int, budget: float, min_runs: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times, start = [], time.perf_counter()
    while len(times) < min_runs or (time.perf_counter() - start < budget and len(times) < 30):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench(name: str, batch: int, size: int) -> dict:
    torch.manual_seed(0)
    net = BUILDERS[name]()
    x = torch.rand(batch, 1, size, size)
    y = torch.randint(0, 10, (batch,))
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()

    def train_step():
        opt.zero_grad()
        loss_fn(net(x), y).backward()
        opt.step()

    net.train()
    train = timed(train_step, 2, 6.0)
    net.eval()
    with torch.no_grad():
        infer = timed(lambda: net(x), 2, 4.0)
    return {'train': batch / train, 'infer': batch / infer}


def main() -> None:
    threads = int(sys.argv[1])
    torch.set_num_threads(threads)
    results = {}
    for spec in sys.argv[2:]:
        name, batch, size = spec.split(':')
        results[spec] = bench(name, int(batch), int(size))
    print(json.dumps({'torch': torch.__version__, 'threads': threads, 'blas': blas(), 'results': results}))


if __name__ == '__main__':
    main()
