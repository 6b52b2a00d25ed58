// The error for a command line that is wrong (unknown command or option, a bad value): one line, exit code 2.
export class UsageError extends Error {}
