// The type of the page's window.netcHarness, for page.evaluate callbacks in the Node-side tests.
import type { harness } from './entry.js';

export type NetcHarness = typeof harness;
export type HarnessWindow = { netcHarness: NetcHarness };
