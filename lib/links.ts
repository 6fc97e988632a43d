import type { MouseEvent } from "react";

/**
 * A link that does its work in place once the page runs: a plain left click is taken over by
 * `act` (the page updates without a navigation); a click with a modifier (new tab or window)
 * or another button keeps the browser's own way, and so does any click before hydration —
 * the link's href is the same page in the state the click would give.
 */
export function inPlace(act: () => void) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    act();
  };
}
