// Files the cases use, found from this build's place in the repository (dist/bench/hostile/ → the root).
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const lenet = fileURLToPath(new URL('../../../networks/lenet.net', import.meta.url));
export const thisNetc = fileURLToPath(new URL('../../cli/netc.js', import.meta.url));

/** The training flags of every case's runs (the shared run too, so --resume accepts them): 2,048 images an epoch. */
export const smallRun = ['--limit', '2048', '--test-limit', '256', '--batch', '64'];
