// Gunzip with the platform's DecompressionStream (browsers, and Node ≥ 18 too): how a page inflates the fetched
// IDX .gz files before datasetFromIdx. Environment-neutral; the CLI's bounded zlib path is platform/gunzip_idx.ts.
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // Blob copies the bytes, so a view of any buffer will do.
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
