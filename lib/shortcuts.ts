/**
 * Every keyboard shortcut of the app, by where it works: the `?` sheet lists them from here, and
 * the unit test holds the queue's keys (app/(app)/noc/use-queue-keys.ts) to this list.
 */
export const SHORTCUT_SCOPES = {
  global: "Anywhere",
  palette: "In the command palette",
  noc: "NOC queue",
} as const;
export type ShortcutScope = keyof typeof SHORTCUT_SCOPES;

export type Shortcut = {
  scope: ShortcutScope;
  /** keys pressed together, as KeyboardEvent.key names them; "Mod" is ⌘ on a Mac, Ctrl elsewhere */
  keys: readonly string[];
  description: string;
};

export const SHORTCUTS: readonly Shortcut[] = [
  { scope: "global", keys: ["Mod", "k"], description: "Open the command palette" },
  { scope: "global", keys: ["?"], description: "Show these keyboard shortcuts" },
  { scope: "global", keys: ["Escape"], description: "Close a dialog or panel" },
  { scope: "palette", keys: ["ArrowDown"], description: "Next result" },
  { scope: "palette", keys: ["ArrowUp"], description: "Previous result" },
  { scope: "palette", keys: ["Enter"], description: "Open the result, or run the action" },
  { scope: "palette", keys: ["Escape"], description: "Back to the results, then close" },
  { scope: "noc", keys: ["j"], description: "Next alert" },
  { scope: "noc", keys: ["k"], description: "Previous alert" },
  { scope: "noc", keys: ["a"], description: "Acknowledge the selected alert" },
  { scope: "noc", keys: ["e"], description: "Escalate the selected alert" },
  { scope: "noc", keys: ["r"], description: "Resolve the selected alert" },
  { scope: "noc", keys: ["/"], description: "Search the queue" },
];

/** The shortcuts of one scope, in the list's order. */
export function shortcutsIn(scope: ShortcutScope): Shortcut[] {
  return SHORTCUTS.filter((s) => s.scope === scope);
}

const KEY_LABELS: Record<string, string> = {
  ArrowDown: "↓",
  ArrowUp: "↑",
  Escape: "Esc",
  Enter: "Enter",
};

/** How a key is printed on a key cap; `mac` shows Mod as ⌘, other systems as Ctrl. */
export function keyLabel(key: string, mac: boolean): string {
  if (key === "Mod") return mac ? "⌘" : "Ctrl";
  return KEY_LABELS[key] ?? key;
}

/** Whether the event is the palette's Mod-K (⌘K on a Mac, Ctrl-K elsewhere; either is taken). */
export function isPaletteKey(e: Pick<KeyboardEvent, "key" | "metaKey" | "ctrlKey" | "altKey">) {
  return e.key.toLowerCase() === "k" && (e.metaKey || e.ctrlKey) && !e.altKey;
}

/** Whether a key press is typing: into a field or an editable element, where no shortcut fires. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as { closest?: (s: string) => unknown; isContentEditable?: boolean } | null;
  if (!el?.closest) return false;
  return Boolean(el.isContentEditable || el.closest("input, textarea, select, [contenteditable]"));
}
