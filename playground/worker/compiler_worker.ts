// The compiler's module worker: one LanguageService holding the editor's file; answers checks, hovers and
// completions so the page never compiles on its main thread.
import { LanguageService } from './services.js';
import type { CheckReply, WorkerReply, WorkerRequest } from './protocol.js';

const service = new LanguageService();

function checkFile(version: number, path: string, text: string, wanted?: string): CheckReply {
  const started = performance.now();
  service.setFile(path, text);
  const diagnostics = service.diagnostics(path);
  const hints = service.inlayHints(path);
  const networks = service.networks(path);
  const network = wanted && networks.includes(wanted) ? wanted : networks[0];
  const ir = network === undefined ? undefined : service.ir(path, network);
  const summary = ir && service.summary(path, network);
  return { version, diagnostics, hints, networks, network, ir, summary, ms: performance.now() - started };
}

function answer(request: WorkerRequest): WorkerReply {
  if (request.kind !== 'check') service.setFile(request.path, request.text);
  switch (request.kind) {
    case 'check': return { id: request.id, kind: 'check', result: checkFile(request.version, request.path, request.text, request.network) };
    case 'hover': return { id: request.id, kind: 'hover', result: service.hover(request.path, request.offset) };
    case 'completions': return { id: request.id, kind: 'completions', result: service.completions(request.path, request.offset) };
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
