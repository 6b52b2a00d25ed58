// Error kinds the CLI turns into one-line messages: user errors exit 1, a backend that cannot start exits 2.
// (Anything else thrown is a bug.)

/** Something about the user's input — data, weights, flags' values, a diverging run. */
export class UserError extends Error {}

/** A data problem: one line naming the file (or flag) and what is wrong. */
export class DataError extends UserError {}

/** Weights that do not fit the network. */
export class WeightError extends UserError {}

/** The loss stopped being finite. */
export class TrainingDiverged extends UserError {}

/** A backend that was asked for by name and cannot start. */
export class BackendError extends Error {}
