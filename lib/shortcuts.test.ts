import { afterEach, describe, expect, it, vi } from "vitest";
import { isPaletteKey, isTyping, keyLabel, SHORTCUTS, shortcutsIn } from "./shortcuts";

// the queue's hook runs its effect at once here: no DOM, no renderer
vi.mock("react", () => ({ useEffect: (effect: () => void) => effect() }));
const { useQueueKeys } = await import("@/app/(app)/noc/use-queue-keys");

type Listener = (e: KeyboardEvent) => void;

/** Every printable key the queue's hook takes (it prevents the browser's default for those). */
function keysTheQueueHandles(): string[] {
  let listener: Listener | undefined;
  vi.stubGlobal("window", {
    addEventListener: (_: string, l: Listener) => (listener = l),
    removeEventListener: () => undefined,
  });
  vi.stubGlobal("document", { getElementById: () => null });
  useQueueKeys({
    rows: [{ id: "a1" }, { id: "a2" }],
    selected: "a1",
    select: () => undefined,
    search: { current: null },
    acknowledge: () => undefined,
    escalate: () => undefined,
    resolve: () => undefined,
  });
  const handled: string[] = [];
  for (let c = 0x21; c < 0x7f; c++) {
    const key = String.fromCharCode(c);
    let prevented = false;
    listener?.({
      key,
      target: { closest: () => null },
      metaKey: false,
      ctrlKey: false,
      altKey: false,
      preventDefault: () => (prevented = true),
    } as unknown as KeyboardEvent);
    if (prevented) handled.push(key);
  }
  return handled;
}

afterEach(() => vi.unstubAllGlobals());

describe("shortcuts", () => {
  it("list exactly the keys the NOC queue handles", () => {
    const listed = shortcutsIn("noc").flatMap((s) => s.keys);
    expect(keysTheQueueHandles().sort()).toEqual([...listed].sort());
  });

  it("list no key twice in a scope", () => {
    const seen = SHORTCUTS.map((s) => `${s.scope}:${s.keys.join("+")}`);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("take Cmd-K and Ctrl-K for the palette, not K or Alt-K", () => {
    const k = { key: "k", metaKey: false, ctrlKey: false, altKey: false };
    expect(isPaletteKey({ ...k, ctrlKey: true })).toBe(true);
    expect(isPaletteKey({ ...k, metaKey: true })).toBe(true);
    expect(isPaletteKey({ ...k, key: "K", ctrlKey: true })).toBe(true);
    expect(isPaletteKey(k)).toBe(false);
    expect(isPaletteKey({ ...k, ctrlKey: true, altKey: true })).toBe(false);
  });

  it("tell typing in a field from a key press on the page", () => {
    const inField = { closest: (s: string) => (s.includes("input") ? {} : null) };
    expect(isTyping(inField as unknown as EventTarget)).toBe(true);
    expect(isTyping({ closest: () => null } as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it("print keys as their caps show them", () => {
    expect(keyLabel("Mod", true)).toBe("⌘");
    expect(keyLabel("Mod", false)).toBe("Ctrl");
    expect(keyLabel("ArrowUp", false)).toBe("↑");
    expect(keyLabel("j", false)).toBe("j");
  });
});
