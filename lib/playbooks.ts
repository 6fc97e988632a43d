/** Playbook rules shared by the browser and the server (playbooks.md). */

/** An auto-resolved alert "reopened" when an alert of the same fingerprint at its site arrives within this many hours of the resolution (the false-action rate). */
export const REOPEN_WINDOW_HOURS = 24;

/** How long an approval link (and the run's wait for a decision) lasts. */
export const APPROVAL_WAIT_HOURS = 4;
