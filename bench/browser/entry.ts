// The bench page's script: netc and tfjs-layers on one tfjs engine, driven by bench/browser_bench.ts
// through window.netcBench (page.evaluate).
import * as tf from '../../runtime/tfjs.js';
import { startBrowserBackend } from '../../runtime/backends/browser_backend.js';
import { netcRates, netcStepProfile } from './measure.js';
import { layersRates } from './layers_rates.js';

export const bench = { startBrowserBackend, netcRates, layersRates, netcStepProfile, backend: () => tf.getBackend() };
export type NetcBench = typeof bench;

(globalThis as unknown as { netcBench: NetcBench }).netcBench = bench;
document.getElementById('status')!.textContent = 'ready';
