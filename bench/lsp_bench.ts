// node dist/bench/lsp_bench.js — a real `netc lsp --stdio` timed from the client's side: start-up, and on a
// generated 10,000-line file the publish after a one-character edit (debounce included) and each request's median.
import { LspClient, positionOfText } from '../test/helpers/lsp_client.js';
import { generatedSource } from './generated_source.js';

const debounceMs = 120;


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

async function main(): Promise<void> {
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [ms, client] = await timed(() => LspClient.start());
    starts.push(ms);
    await client.stop();
  }
  console.log(`start-up (spawn → initialize answered): median ${median(starts).toFixed(0)} ms of 5`);

  const text = generatedSource();
  const uri = 'untitled:big.net';
  const client = await LspClient.start();
  const [openMs] = await timed(async () => {
    client.open(uri, text);
    return client.diagnostics(uri);
  });
  console.log(`open a ${text.split('\n').length.toLocaleString('en-US')}-line file → first publishDiagnostics: ${openMs.toFixed(0)} ms (debounce ${debounceMs} ms included)`);

  // One character typed in the network's middle, back and forth: `b7(16)` ↔ `b7(17)`.
  const line = positionOfText(text, '  b', 2, 2_500).line;
  const edits: number[] = [];
  for (let i = 0; i < 15; i++) {
    const mark = client.publishes.length;
    const character = text.split('\n')[line].indexOf('16') + 1;
    const [ms] = await timed(async () => {
      const version = client.change(uri, i % 2 === 0 ? '7' : '6', { start: { line, character }, end: { line, character: character + 1 } });
      return client.diagnostics(uri, (p) => p.version === version, { after: mark });
    });
    edits.push(ms);
  }
  console.log(`one-character edit → publishDiagnostics: median ${median(edits).toFixed(0)} ms of 15 (${debounceMs} ms of it the debounce)`);

  const doc = { textDocument: { uri } };
  const position = { line, character: 3 };
  const requests: [string, unknown][] = [
    ['textDocument/hover', { ...doc, position }],
    ['textDocument/completion', { ...doc, position }],
    ['textDocument/definition', { ...doc, position }],
    ['textDocument/inlayHint', { ...doc, range: { start: { line: line - 50, character: 0 }, end: { line: line + 50, character: 0 } } }],
    ['textDocument/semanticTokens/full', doc],
    ['textDocument/documentSymbol', doc],
  ];
  for (const [method, params] of requests) {
    const times: number[] = [];
    for (let i = 0; i < 9; i++) times.push((await timed(() => client.request(method, params)))[0]);
    console.log(`${method}: median ${median(times).toFixed(1)} ms of 9 (warm)`);
  }
  // After an edit the first request pays for the re-check.
  const fresh: number[] = [];
  for (let i = 0; i < 7; i++) {
    const character = text.split('\n')[line].indexOf('16') + 1;
    client.change(uri, i % 2 === 0 ? '7' : '6', { start: { line, character }, end: { line, character: character + 1 } });
    fresh.push((await timed(() => client.request('textDocument/inlayHint', requests[3][1])))[0]);
  }
  console.log(`one-character edit → inlay hints answered (no debounce): median ${median(fresh).toFixed(0)} ms of 7`);
  await client.stop();
}

void main();
