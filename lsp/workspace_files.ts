// The files of the editor's workspace folders that are not open: every .net under them (for references and
// rename), and their text read from disk. Both are cached; didChangeWatchedFiles (or a file's mtime) invalidates.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A workspace walk stops here: an editor opened on `/` must not stall the server. */
const maxFiles = 20_000;
const maxDepth = 24;
/** Larger files are not read (a .net file is small; a 50 MB log named .net is not one). */
const maxBytes = 8 * 1024 * 1024;
/** Without file watching a listing is trusted this long. */
const unwatchedListingMs = 2_000;
const windows = process.platform === 'win32';
const skippedFolders = new Set(['node_modules', 'dist', 'out', 'build']);

export class WorkspaceFiles {
  private folders: string[] = [];
  private listing?: { files: string[]; at: number };
  private readonly texts = new Map<string, { mtimeMs: number; size: number; text: string | undefined }>();
  /** Set when the client sends didChangeWatchedFiles for .net files: the listing then stays valid until one. */
  watched = false;

  constructor(private readonly log: (message: string) => void) {}

  setFolders(paths: string[]): void {
    this.folders = [...new Set(paths)];
    this.listing = undefined;
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  /** Every .net file under the folders, sorted, at most maxFiles. */
  listFiles(): string[] {
    const fresh = this.listing && (this.watched || Date.now() - this.listing.at < unwatchedListingMs);
    if (fresh) return this.listing!.files;
    const files: string[] = [];
    for (const folder of this.folders) this.walk(folder, 0, files);
    if (files.length >= maxFiles) this.log(`netc lsp: the workspace has more than ${maxFiles} entries to list; references and rename search the first ${maxFiles} .net files`);
    this.listing = { files: files.sort(), at: Date.now() };
    return this.listing.files;
  }

  /** A file's text from disk, undefined when it cannot be read (or is too large). Re-read when its mtime or size changes. */
  readFile(path: string): string | undefined {
    if (path.includes(':') && !path.startsWith('/') && !/^[A-Za-z]:/.test(path)) return undefined; // untitled: and other URIs have no disk file
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.texts.delete(path);
      return undefined;
    }
    const known = this.texts.get(path);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
    let text: string | undefined;
    try {
      text = stat.isFile() && stat.size <= maxBytes ? readFileSync(path, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    this.texts.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
    return text;
  }

  /** A file was created, changed or deleted on disk. */
  invalidate(path: string, listingChanged: boolean): void {
    this.texts.delete(path);
    if (listingChanged) this.listing = undefined;
  }

  private walk(dir: string, depth: number, out: string[]): void {
    if (depth > maxDepth || out.length >= maxFiles) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (out.length >= maxFiles) return;
      const path = windows ? join(dir, entry.name).replace(/\\/g, '/') : join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !skippedFolders.has(entry.name)) this.walk(path, depth + 1, out);
      } else if (entry.isFile() && entry.name.endsWith('.net')) out.push(path);
    }
  }
}
