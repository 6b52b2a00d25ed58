// The page's Fashion-MNIST subset: the four IDX files build_playground writes to data/fashion-mnist/, fetched
// and gunzipped in the browser (DecompressionStream), then read by the runtime's own IDX reader.
import { datasetFromIdx, type Dataset } from '../../runtime/browser.js';
import type { PlaygroundHost } from '../host.js';

export const DATA_DIR = 'data/fashion-mnist/';
const FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

async function fetchGunzipped(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status} (is the playground built with its data? npm run build:playground)`);
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

let loading: Promise<Dataset> | undefined;

/** The dataset, fetched once per page. */
export function loadFashionMnist(host: PlaygroundHost): Promise<Dataset> {
  loading ??= (async () => {
    const entries = await Promise.all(Object.entries(FILES).map(async ([key, file]) => [key, await fetchGunzipped(host.assetUrl(DATA_DIR + file))] as const));
    const files = Object.fromEntries(entries) as Record<keyof typeof FILES, Uint8Array>;
    return datasetFromIdx(files, 'fashion-mnist');
  })().catch((error: unknown) => {
    loading = undefined; // let a later press of Train try again
    throw error;
  });
  return loading;
}
