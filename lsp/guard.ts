// Every request handler runs guarded: a client's mistake (malformed params) answers InvalidParams, a bug inside a
// service answers InternalError — both logged to the client's console — and the server keeps serving.
import { ErrorCodes, ResponseError, type RemoteConsole } from 'vscode-languageserver';

export type Handler<P, R> = (params: P) => R;

export function guarded<P, R>(console: RemoteConsole, method: string, handler: Handler<P, R>): Handler<P, R | ResponseError<void>> {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      if (error instanceof ResponseError) {
        console.warn(`netc lsp: ${method}: ${error.message}`);
        return error;
      }
      console.error(`netc lsp: ${method} failed (a bug in netc): ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `netc: ${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** Notifications have no answer: the error is only logged. */
export function guardedNotification<P>(console: RemoteConsole, method: string, handler: (params: P) => void): (params: P) => void {
  return (params) => {
    try {
      handler(params);
    } catch (error) {
      console.error(`netc lsp: ${method} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  };
}
