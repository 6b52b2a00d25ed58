// ELK off the main thread: elkjs's API on the page, its layout engine (elk-worker.min.js, shipped as an
// asset) in a Web Worker. graph/layoutGraph takes it in place of the bundled build the CLI uses.
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { ElkLike } from '../../graph/index.js';

export function createWorkerElk(): ElkLike {
  return new ELK({ workerFactory: () => new Worker(elkWorkerUrl) }) as ElkLike;
}
