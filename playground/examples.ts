// Every networks/*.net, bundled into the page (the examples menu), keyed by file name.
const files = import.meta.glob('../networks/*.net', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const examples: ReadonlyMap<string, string> = new Map(
  Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text] as const).sort(([a], [b]) => a.localeCompare(b)),
);

export const DEFAULT_EXAMPLE = examples.has('lenet.net') ? 'lenet.net' : [...examples.keys()][0];
