// How netc's per-channel wasm code sees an NHWC tensor: rows of lcm(C, 4) floats (the channel pattern repeats
// on a 16-byte boundary), held in at most 64 vector locals; longer rows are left to tfjs's kernels.

/** Rows longer than this many 16-byte vectors go to tfjs's kernel (a channel count like 127 gives 127). */
export const maxVectors = 64;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Floats after which the channel pattern repeats on a 16-byte boundary: lcm(C, 4). */
export const periodOf = (channels: number) => (channels * 4) / gcd(channels, 4);
