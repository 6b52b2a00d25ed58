// The 10,000-line file the compiler, services and LSP benches share: 1,000 five-line blocks and a network of
// 5,000 lines calling them (a module of its own: compiler_bench.ts runs its bench when imported).
export function generatedSource(lines = 10_000): string {
  const out: string[] = ['# generated for bench:compiler'];
  const blocks = lines / 10;
  for (let i = 0; i < blocks; i++) {
    out.push(`block b${i}(c, k = 3) {`, `  residual { conv(c, kernel: k, pad: k // 2); batchnorm; relu }`, `  # block ${i}`, `  relu`, `}`);
  }
  out.push('network Big(classes = 10) {', '  input [16, 8, 8]');
  while (out.length < lines - 1) out.push(`  b${out.length % blocks}(16)`);
  out.push('}');
  return out.join('\n');
}
