// A problem with a results run the user can fix (a missing file, a failed training): one line, no stack.
export class ResultsError extends Error {}
