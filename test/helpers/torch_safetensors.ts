// Python snippets for tests against Debian's PyTorch: a safetensors writer and reader (Python's safetensors
// package is not installable here), written from the format's definition as safetensors.torch does it.

/** `save_file(tensors, path, metadata)` and `load_file(path)` -> (tensors, metadata), in plain Python. */
export const PY_SAFETENSORS = String.raw`
import json, struct, torch
_DTYPES = {torch.float32: 'F32', torch.float64: 'F64', torch.float16: 'F16', torch.bfloat16: 'BF16', torch.int64: 'I64', torch.int32: 'I32', torch.uint8: 'U8', torch.bool: 'BOOL'}
_TORCH = {v: k for k, v in _DTYPES.items()}
def save_file(tensors, path, metadata=None):
    header, chunks, offset = {}, [], 0
    if metadata:
        header['__metadata__'] = metadata
    for name, t in tensors.items():
        t = t.detach().contiguous()
        data = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b''
        header[name] = {'dtype': _DTYPES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))
def load_file(path):
    raw = open(path, 'rb').read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n])
    metadata = header.pop('__metadata__', {})
    out = {}
    for name, e in header.items():
        b, end = e['data_offsets']
        out[name] = torch.frombuffer(bytearray(raw[8 + n + b:8 + n + end]), dtype=_TORCH[e['dtype']]).reshape(e['shape'])
    return out, metadata
`;
