// The page's side of the compiler worker: promise-per-request, and a debounced check that drops stale replies.
import type { CheckReply, FormatReply, WorkerReply, WorkerRequest } from './protocol.js';
import type { CompletionList, HoverInfo, SourceRange } from './services.js';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
// Distributive Omit, so each request kind keeps its own fields.
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export class CompilerClient {
  private readonly worker = new Worker(new URL('./compiler_worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private version = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly path: string,
    private readonly onCheck: (reply: CheckReply) => void,
    /** A compiler bug (the worker threw): one line for the status bar. */
    private readonly onError: (message: string) => void,
    private readonly delayMs = 150,
  ) {
    this.worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.kind === 'error') waiting?.reject(new Error(reply.message));
      else waiting?.resolve(reply.result);
    };
  }

  private ask<T>(request: Request): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  /** Re-checks `text` after `delayMs` of quiet; only the newest version's reply reaches onCheck. */
  schedule(text: string, network: string | undefined, immediately = false): void {
    clearTimeout(this.timer);
    const version = ++this.version;
    const run = () => void this.ask<CheckReply>({ kind: 'check', version, path: this.path, text, network }).then(
      (reply) => { if (reply.version === this.version) this.onCheck(reply); },
      (error: Error) => this.onError(`internal compiler error: ${error.message}`),
    );
    if (immediately) run();
    else this.timer = setTimeout(run, this.delayMs);
  }

  hover(text: string, offset: number): Promise<HoverInfo | undefined> { return this.ask({ kind: 'hover', path: this.path, text, offset }); }
  completions(text: string, offset: number): Promise<CompletionList> { return this.ask({ kind: 'completions', path: this.path, text, offset }); }
  definition(text: string, offset: number): Promise<SourceRange[]> { return this.ask({ kind: 'definition', path: this.path, text, offset }); }
  format(text: string): Promise<FormatReply> { return this.ask({ kind: 'format', path: this.path, text }); }
}
