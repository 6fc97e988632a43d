"use client";

import { useSyncExternalStore } from "react";

/**
 * A once-a-second clock shared by every countdown on the page. It is null during the server
 * render and hydration, so server and browser HTML agree; countdowns fill in right after.
 */
let now = 0;
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function snapshot() {
  if (!now) now = Date.now();
  return now;
}
const serverSnapshot = () => null;

export function useClock(): number | null {
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}
