// What machine the results were measured on: CPU, cores, Node and tfjs versions, and the load average, sampled
// while networks train, so docs/results.md can say how busy the machine was beside every speed.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';

export interface MachineInfo {
  cpu: string;
  cores: number;
  node: string;
  tfjs: string;
  backend: string;
}

export function machineInfo(backend: string): MachineInfo {
  const list = cpus();
  return { cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length, node: process.version, tfjs: tfjsVersion(), backend };
}

function tfjsVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve('@tensorflow/tfjs-core/package.json');
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The 1-minute load average every `everyMs` until stopped; the samples are what the run reports. */
export function sampleLoad(everyMs = 10_000): { stop: () => number[] } {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(loadavg()[0]);
      return samples.map((s) => Math.round(s * 100) / 100);
    },
  };
}
