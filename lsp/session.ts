// The server's state: open documents (by URI), the language service over them (by path), the workspace's other
// files, and the lookups every request makes — its document, a file's position maths, a path's URI.
import { ErrorCodes, ResponseError, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../compiler/services/index.js';
import { positionsOf, type Positions } from './positions.js';
import { pathToUri, uriToPath } from './uris.js';
import { WorkspaceFiles } from './workspace_files.js';

export interface OpenDocument {
  uri: string;
  path: string;
  doc: TextDocument;
}

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly files: WorkspaceFiles;
  readonly service: LanguageService;
  private readonly uriByPath = new Map<string, string>();
  private readonly pathByUri = new Map<string, string>();
  /** Position maths of files read from disk, by their text (references and rename land in them). */
  private readonly diskPositions = new Map<string, { text: string; positions: Positions }>();

  constructor(private readonly log: (message: string) => void) {
    this.files = new WorkspaceFiles(log);
    this.service = new LanguageService({ readFile: (p) => this.files.readFile(p), listFiles: () => this.files.listFiles() });
  }

  /** didOpen and didChange: the service answers from this text from now on (its compile waits for a question). */
  updated(doc: TextDocument): void {
    let path = this.pathByUri.get(doc.uri);
    if (!path) {
      path = uriToPath(doc.uri);
      if (!path) return this.log(`netc lsp: ignoring a document with a malformed URI: ${String(doc.uri).slice(0, 200)}`);
      this.pathByUri.set(doc.uri, path);
      this.uriByPath.set(path, doc.uri);
    }
    this.service.setFile(path, doc.getText());
  }

  closed(doc: TextDocument): void {
    const path = this.pathByUri.get(doc.uri);
    if (!path) return;
    this.service.removeFile(path);
    this.pathByUri.delete(doc.uri);
    this.uriByPath.delete(path);
  }

  /** The open document a request names; undefined when it is not open (the answer is then empty). */
  document(params: unknown): OpenDocument | undefined {
    const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'params.textDocument.uri must be a string');
    const doc = this.documents.get(uri);
    const path = this.pathByUri.get(uri);
    return doc && path ? { uri, path, doc } : undefined;
  }

  openDocuments(): OpenDocument[] {
    return this.documents.all().flatMap((doc) => {
      const path = this.pathByUri.get(doc.uri);
      return path ? [{ uri: doc.uri, path, doc }] : [];
    });
  }

  /** The URI the client knows a path by (an open document's), else the file:// URI of the path. */
  uriOf(path: string): string {
    return this.uriByPath.get(path) ?? pathToUri(path);
  }

  /** Position maths for any file the answers name: the open document, else its text on disk. */
  positionsOf(path: string): Positions | undefined {
    const uri = this.uriByPath.get(path);
    const doc = uri ? this.documents.get(uri) : undefined;
    if (doc) return doc;
    const text = this.files.readFile(path);
    if (text === undefined) return undefined;
    const known = this.diskPositions.get(path);
    if (known?.text === text) return known.positions;
    const positions = positionsOf(text);
    this.diskPositions.set(path, { text, positions });
    return positions;
  }

  /** A file changed on disk: its cached text goes, and open files re-check (one may import it). */
  changedOnDisk(path: string, listingChanged: boolean): void {
    this.files.invalidate(path, listingChanged);
    this.diskPositions.delete(path);
    // An open file's text is the editor's, not the disk's (a save also reports the file as changed).
    if (this.uriByPath.has(path)) return;
    // The service keeps an analysis until an OPEN file it read changes; a new version of each open file drops it.
    for (const { path: open, doc } of this.openDocuments()) {
      this.service.removeFile(open);
      this.service.setFile(open, doc.getText());
    }
  }
}
