// Resource limits: every one is reported as a diagnostic (NET49xx), so no input can exhaust time or memory.

export interface Limits {
  /** Largest source file, in UTF-16 code units (≈ bytes for ASCII). */
  maxFileSize: number;
  /** Deepest bracket/brace nesting the parser is given. */
  maxNesting: number;
  /** Most layers (IR nodes) one network may expand to. */
  maxNodes: number;
  /** Most expansion steps (statements and repeat iterations executed). */
  maxSteps: number;
  /** Most nested block calls. */
  maxCallDepth: number;
  /** Most parameters a network may have (PyTorch-style count). */
  maxParams: number;
  /** Most files one compile may import. */
  maxFiles: number;
  /** Most operators in one statement (an `if` counts two): bounds how deep an expression nests (`1 + 1 + …`, `- - 1`, `if … else if …`). */
  maxOperators: number;
  /** Most tokens one file may hold (counted before lexing, up to twice over: `==` counts as two). */
  maxTokens: number;
  /** Most items in one list (a literal, a `+` of lists) or one argument list. */
  maxListLength: number;
  /** Most list items one compile may build in all (every list evaluated counts its length). */
  maxValueItems: number;
  /** Most diagnostics of one code; the rest are counted in a final NET4907 "and N more". */
  maxDiagnosticsPerCode: number;
}

export const defaultLimits: Limits = {
  maxFileSize: 4 * 1024 * 1024,
  maxNesting: 100,
  maxNodes: 100_000,
  maxSteps: 1_000_000,
  maxCallDepth: 64,
  maxParams: 2 ** 31,
  maxFiles: 256,
  maxOperators: 256,
  maxTokens: 1_000_000,
  maxListLength: 10_000,
  maxValueItems: 1_000_000,
  maxDiagnosticsPerCode: 50,
};
