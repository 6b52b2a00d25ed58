// The grouped convolution's plain JavaScript reference kernels for tfjs-backend-cpu (the known answer the
// other backends' kernels are tested against): loops over every output, tap and channel of its group.
import * as tf from '../tfjs.js';
import { groupedConvFilterKernel, groupedConvInputKernel, groupedConvKernel, groupedOutputShape, type GroupedConvAttrs } from './grouped_conv.js';

interface CpuBackend { readSync(dataId: tf.DataId): unknown; makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo }

interface Geometry { n: number; h: number; w: number; ci: number; kh: number; kw: number; cpg: number; co: number; opg: number; oh: number; ow: number; sh: number; sw: number; top: number; left: number }

function geometry(xShape: number[], filterShape: number[], a: GroupedConvAttrs): Geometry {
  const [n, h, w, ci] = xShape;
  const [kh, kw, cpg, co] = filterShape;
  const [, oh, ow] = groupedOutputShape(xShape, filterShape, a);
  return { n, h, w, ci, kh, kw, cpg, co, opg: co / a.groups, oh, ow, sh: a.strides[0], sw: a.strides[1], top: a.pad[0][0], left: a.pad[1][0] };
}

/** Calls visit(xIndex, wIndex, yIndex) for every multiply of the grouped conv (padding skipped). */
function forEachProduct(g: Geometry, visit: (xi: number, wi: number, yi: number) => void): void {
  for (let n = 0; n < g.n; n++)
    for (let oy = 0; oy < g.oh; oy++)
      for (let ox = 0; ox < g.ow; ox++)
        for (let o = 0; o < g.co; o++) {
          const first = Math.floor(o / g.opg) * g.cpg; // the group's first input channel
          const yi = ((n * g.oh + oy) * g.ow + ox) * g.co + o;
          for (let i = 0; i < g.kh; i++) {
            const y = oy * g.sh + i - g.top;
            if (y < 0 || y >= g.h) continue;
            for (let j = 0; j < g.kw; j++) {
              const x = ox * g.sw + j - g.left;
              if (x < 0 || x >= g.w) continue;
              for (let c = 0; c < g.cpg; c++) visit(((n * g.h + y) * g.w + x) * g.ci + first + c, ((i * g.kw + j) * g.cpg + c) * g.co + o, yi);
            }
          }
        }
}

const valuesOf = (backend: CpuBackend, t: tf.TensorInfo) => backend.readSync(t.dataId) as Float32Array;

const forward: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const b = backend as unknown as CpuBackend;
  const { x, filter } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const g = geometry(x.shape, filter.shape, attrs as unknown as GroupedConvAttrs);
  const [xv, wv] = [valuesOf(b, x), valuesOf(b, filter)];
  const y = new Float32Array(g.n * g.oh * g.ow * g.co);
  forEachProduct(g, (xi, wi, yi) => (y[yi] += xv[xi] * wv[wi]));
  return b.makeTensorInfo([g.n, g.oh, g.ow, g.co], 'float32', y);
};

const backpropInput: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const b = backend as unknown as CpuBackend;
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = attrs as unknown as GroupedConvAttrs & { inputShape: number[] };
  const g = geometry(a.inputShape, filter.shape, a);
  const [dyv, wv] = [valuesOf(b, dy), valuesOf(b, filter)];
  const dx = new Float32Array(a.inputShape.reduce((p, d) => p * d, 1));
  forEachProduct(g, (xi, wi, yi) => (dx[xi] += dyv[yi] * wv[wi]));
  return b.makeTensorInfo(a.inputShape, 'float32', dx);
};

const backpropFilter: tf.KernelFunc = ({ inputs, attrs, backend }) => {
  const b = backend as unknown as CpuBackend;
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = attrs as unknown as GroupedConvAttrs & { filterShape: number[] };
  const g = geometry(x.shape, a.filterShape, a);
  const [xv, dyv] = [valuesOf(b, x), valuesOf(b, dy)];
  const dw = new Float32Array(a.filterShape.reduce((p, d) => p * d, 1));
  forEachProduct(g, (xi, wi, yi) => (dw[wi] += xv[xi] * dyv[yi]));
  return b.makeTensorInfo(a.filterShape, 'float32', dw);
};

let registered = false;

/** Registers the three grouped-conv kernels for tfjs-backend-cpu (later calls do nothing). */
export function registerGroupedConvCpu(): void {
  if (registered) return;
  tf.registerKernel({ kernelName: groupedConvKernel, backendName: 'cpu', kernelFunc: forward });
  tf.registerKernel({ kernelName: groupedConvInputKernel, backendName: 'cpu', kernelFunc: backpropInput });
  tf.registerKernel({ kernelName: groupedConvFilterKernel, backendName: 'cpu', kernelFunc: backpropFilter });
  registered = true;
}
