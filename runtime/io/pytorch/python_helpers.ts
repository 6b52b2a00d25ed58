// The Python helpers generated model.py may need: layers torch 1.13 has no module for, and safetensors
// reading and writing for machines without the `safetensors` package (Debian has none).

/** Helpers a layer names in its `helpers` list (module_code.ts), by name. */
export const layerHelpers: Record<string, string> = {
  LayerScale: `class LayerScale(nn.Module):
    """A learned factor per channel (ConvNeXt's layer scale gamma); state_dict key: weight."""

    def __init__(self, channels, init):
        super().__init__()
        self.weight = nn.Parameter(torch.full((channels,), float(init)))

    def forward(self, x):
        return x * (self.weight[:, None, None] if x.dim() == 4 else self.weight)`,
  stochastic_depth: `def stochastic_depth(x, p, training):
    """torchvision's StochasticDepth(p, "row"): drops each example's whole value with probability p."""
    if not training or p == 0.0:
        return x
    keep = torch.empty([x.shape[0]] + [1] * (x.dim() - 1), dtype=x.dtype, device=x.device).bernoulli_(1.0 - p)
    return x * keep / (1.0 - p)`,
  channel_shuffle: `def channel_shuffle(x, groups):
    """ShuffleNet's interleave: channels [g, C/g] -> [C/g, g]."""
    n, c = x.shape[0], x.shape[1]
    return x.reshape(n, groups, c // groups, *x.shape[2:]).transpose(1, 2).reshape(x.shape)`,
};

/** Reading and writing safetensors with torch alone (json + struct + torch.frombuffer). */
export const safetensorsHelpers = `_DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
           "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool}


def load_safetensors(path):
    """{name: tensor} from a safetensors file: the safetensors package where installed, else a small reader."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        pass
    else:
        return load_file(path)
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = f.read()
    header.pop("__metadata__", None)
    tensors = {}
    for name, entry in header.items():
        start, end = entry["data_offsets"]
        dtype = _DTYPES[entry["dtype"]]
        if end == start:
            tensors[name] = torch.empty(entry["shape"], dtype=dtype)
        else:
            tensors[name] = torch.frombuffer(bytearray(data[start:end]), dtype=dtype).reshape(entry["shape"])
    return tensors


def save_safetensors(tensors, path, metadata=None):
    """Writes {name: tensor} as safetensors (atomically: a temporary file, then a rename)."""
    names = {v: k for k, v in _DTYPES.items()}
    header, chunks, offset = {}, [], 0
    for name, t in tensors.items():
        raw = t.detach().cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)`;
