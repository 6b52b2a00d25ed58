// The compiler's module worker: one LanguageService holding the editor's file; answers checks, hovers and
// completions so the page never compiles on its main thread.
import { LanguageService, formatSource } from './services.js';
import type { CheckReply, FormatReply, WorkerReply, WorkerRequest } from './protocol.js';

const service = new LanguageService();

function checkFile(version: number, path: string, text: string, wanted?: string): CheckReply {
  const started = performance.now();
  service.setFile(path, text);
  const diagnostics = service.diagnostics(path);
  const fixes = diagnostics.map((d) => (d.file === path ? service.codeActions(path, d.from, d.to).filter((a) => a.diagnosticCode === d.code) : []));
  const hints = service.inlayHints(path);
  const networks = service.networks(path);
  const network = wanted && networks.includes(wanted) ? wanted : networks[0];
  const ir = network === undefined ? undefined : service.ir(path, network);
  const summary = ir && service.summary(path, network);
  return { version, diagnostics, fixes, hints, networks, network, ir, summary, ms: performance.now() - started };
}

function format(path: string, text: string): FormatReply {
  const result = formatSource(text, { file: path });
  if (result.ok) return { ok: true, text: result.text };
  const first = result.diagnostics[0];
  return { ok: false, message: `not formatted: fix the syntax error${result.diagnostics.length > 1 ? 's' : ''} first (${first ? `${first.line}:${first.column} ${first.message}` : 'syntax error'})` };
}

function answer(request: WorkerRequest): WorkerReply {
  if (request.kind !== 'check') service.setFile(request.path, request.text);
  switch (request.kind) {
    case 'check': return { id: request.id, kind: 'check', result: checkFile(request.version, request.path, request.text, request.network) };
    case 'hover': return { id: request.id, kind: 'hover', result: service.hover(request.path, request.offset) };
    case 'completions': return { id: request.id, kind: 'completions', result: service.completions(request.path, request.offset) };
    case 'definition': return { id: request.id, kind: 'definition', result: service.definition(request.path, request.offset) };
    case 'format': return { id: request.id, kind: 'format', result: format(request.path, request.text) };
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  let reply: WorkerReply;
  try {
    reply = answer(event.data);
  } catch (error) {
    // A compiler bug, not a user error: one line for the status bar.
    reply = { id: event.data.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
