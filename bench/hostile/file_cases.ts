// §2 of the reliability issue: files that are not what they claim — devices, FIFOs, loops, bombs.
import { execFileSync } from 'node:child_process';
import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflate, createGzip } from 'node:zlib';
import { pngChunk } from './png_chunk.js';
import { lenet } from './paths.js';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { expectError, type HostileCase } from './hostile_case.js';

const importing = (path: string) => `import "${path}"\nnetwork N {\n  input [1, 28, 28]\n  flatten\n  dense(10)\n}\n`;
/** What every refusal must not say: the old catch-all. */
const notMissing = /^(?![\s\S]*no such file)/;

function importCase(id: string, what: string, setup: (dir: string) => string, message: RegExp = notMissing): HostileCase {
  return {
    id,
    section: 2,
    what,
    async check({ dir, netc }) {
      writeFileSync(join(dir, 'case.net'), importing(setup(dir)));
      return expectError(await netc(['check', 'case.net'], { timeoutMs: 15_000 }), 1, message, 5_000, 512);
    },
  };
}

function checkFileCase(id: string, what: string, setup: (dir: string) => string, message: RegExp = notMissing): HostileCase {
  return {
    id,
    section: 2,
    what,
    async check({ dir, netc }) {
      return expectError(await netc(['check', setup(dir)], { timeoutMs: 15_000 }), [1, 2], message, 5_000, 512);
    },
  };
}

const fifo = (dir: string) => (execFileSync('mkfifo', [join(dir, 'pipe.net')]), 'pipe.net');

/** `bytes` zeros, deflated (or gzipped) as a stream so the harness never holds them. */
async function compressedZeros(path: string, bytes: number, head: Uint8Array, gzip: boolean): Promise<void> {
  const chunk = Buffer.alloc(1 << 20);
  let left = bytes;
  const source = Readable.from((function* () {
    yield Buffer.from(head);
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      left -= n;
      yield chunk.subarray(0, n);
    }
  })());
  await pipeline(source, gzip ? createGzip({ level: 9 }) : createDeflate({ level: 9 }), createWriteStream(path));
}

/** A gray PNG of side×side pixels whose image data is all zeros: tiny on disk, side² bytes inflated. */
export async function pngBomb(path: string, side: number): Promise<void> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // gray
  await compressedZeros(`${path}.idat`, side * (side + 1), new Uint8Array(0), false);
  const idat = readFileSync(`${path}.idat`);
  writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))]));
}

export const fileCases: HostileCase[] = [
  importCase('import-dev-zero', '`import "/dev/zero"`', () => '/dev/zero'),
  importCase('import-fifo', '`import` of a FIFO', fifo),
  checkFileCase('check-fifo', '`netc check FIFO`', (dir) => join(dir, fifo(dir))),
  checkFileCase('check-dev-zero', '`netc check /dev/zero`', () => '/dev/zero'),
  importCase('import-directory', '`import` of a directory', (dir) => (mkdirSync(join(dir, 'lib.net')), 'lib.net')),
  importCase('import-symlink-loop', '`import` of a symlink loop', (dir) => (symlinkSync('b.net', join(dir, 'a.net')), symlinkSync('a.net', join(dir, 'b.net')), 'a.net')),
  checkFileCase('check-symlink-loop', '`netc check` of a symlink loop', (dir) => (symlinkSync('b.net', join(dir, 'a.net')), symlinkSync('a.net', join(dir, 'b.net')), join(dir, 'a.net'))),
  checkFileCase('check-50mb', 'a 50 MB file is reported with its real size', (dir) => {
    const fd = openSync(join(dir, 'big.net'), 'w');
    const block = Buffer.alloc(1 << 20, 0x20);
    for (let i = 0; i < 50; i++) writeSync(fd, block);
    closeSync(fd);
    return join(dir, 'big.net');
  }, /5[02](\.\d+)? ?MB|52,?428,?800/),
  importCase('import-50mb', 'an imported 50 MB file is reported with its real size', (dir) => {
    writeFileSync(join(dir, 'big.net'), Buffer.alloc(50 << 20, 0x20));
    return 'big.net';
  }, /5[02](\.\d+)? ?MB|52,?428,?800/),
  checkFileCase('check-proc-self-mem', '`netc check /proc/self/mem`', () => '/proc/self/mem'),
  {
    id: 'png-bomb',
    section: 2,
    what: 'a small PNG that inflates to 1 GiB, through `netc predict`',
    async check({ dir, netc, run }) {
      const weights = run();
      await pngBomb(join(dir, 'bomb.png'), 32_768);
      return expectError(await netc(['predict', lenet, '--weights', weights, 'bomb.png'], { timeoutMs: 60_000 }), 1, /bomb\.png/, 15_000);
    },
  },
  {
    id: 'idx-gzip-bomb',
    section: 2,
    what: 'a small .gz IDX whose data inflates far past what its header implies',
    async check({ dir, netc, run }) {
      const weights = run();
      const data = join(dir, 'data');
      mkdirSync(data);
      const header = Buffer.alloc(16);
      header.writeUInt32BE(0x00000803, 0);
      header.writeUInt32BE(10, 4);
      header.writeUInt32BE(28, 8);
      header.writeUInt32BE(28, 12);
      await compressedZeros(join(data, 't10k-images-idx3-ubyte.gz'), 2 ** 31, header, true);
      const labels = Buffer.concat([Buffer.from([0, 0, 8, 1, 0, 0, 0, 10]), Buffer.alloc(10)]);
      writeFileSync(join(data, 't10k-labels-idx1-ubyte'), labels);
      writeFileSync(join(data, 'train-labels-idx1-ubyte'), labels);
      writeFileSync(join(data, 'train-images-idx3-ubyte'), Buffer.concat([header, Buffer.alloc(10 * 784)]));
      return expectError(await netc(['eval', lenet, '--weights', weights, '--data', data], { timeoutMs: 60_000 }), 1, /t10k-images/, 15_000);
    },
  },
];
