// A problem with a results run the user can fix (a missing file, a failed training): one line, no stack.
export class ResultsError extends Error {}

/** One network's `netc train` exited non-zero (its failed.json says why): the run goes on to the next network. */
export class NetworkFailed extends ResultsError {}
