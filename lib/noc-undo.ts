/** The alert actions a person can take back (alert.undo) and for how long. */
export const UNDOABLE_ACTIONS = ["alert.acknowledge", "alert.resolve", "alert.assign"] as const;
export type UndoableAction = (typeof UNDOABLE_ACTIONS)[number];

/**
 * How long after an action the server still undoes it. The toast offers Undo for
 * UNDO_TOAST_MS; the rest is slack for a slow network.
 */
export const UNDO_WINDOW_MS = 30_000;
export const UNDO_TOAST_MS = 6_000;
