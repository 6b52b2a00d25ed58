// The page's state in the URL hash: JSON, deflate-raw (CompressionStream), base64url — a shareable link
// that reproduces the file, the example/network picked and the settings exactly.
import type { PageState } from './storage.js';

const PREFIX = '#s=';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream)).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function encodeHash(state: PageState): Promise<string> {
  return PREFIX + toBase64Url(await pipe(new TextEncoder().encode(JSON.stringify(state)), new CompressionStream('deflate-raw')));
}

/** The state in `hash`, or undefined when there is none or it does not decode (a truncated link). */
export async function decodeHash(hash: string): Promise<PageState | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw')));
    const state = JSON.parse(json) as Partial<PageState>;
    return typeof state.text === 'string' ? { text: state.text, example: state.example, network: state.network, settings: state.settings ?? {} } : undefined;
  } catch {
    return undefined;
  }
}
