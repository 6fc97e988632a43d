/** The queue's keys, for a keyboard (hidden on a phone). */
export function KeyHints() {
  const k = (key: string) => <kbd className="rounded border px-1 text-xs">{key}</kbd>;
  return (
    <span className="hidden md:inline">
      {" "}
      Keys: {k("j")}/{k("k")} move, {k("a")} acknowledge, {k("e")} escalate, {k("r")} resolve,{" "}
      {k("/")} search, {k("?")} every key, {k("Ctrl")}+{k("K")} jump to anything.
    </span>
  );
}

/**
 * Why a specialist's queue holds what it holds: only alerts routed to their groups, the
 * condition the queue's server filter applies (alert.filterOptions: routedOnly).
 */
export function RoutedOnly({ groups }: { groups: readonly { name: string }[] }) {
  const names = groups.map((g) => g.name);
  return (
    // a span: it also sits inside the empty queue's paragraph
    <span data-testid="routed-only" className="mt-1 block text-sm text-slate-600">
      {names.length
        ? `Only alerts routed to ${list(names)} appear here.`
        : "Only alerts routed to your groups appear here, and you are in none yet: an admin can add you to one."}
    </span>
  );
}

function list(names: string[]): string {
  if (names.length < 2) return names.join("");
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}
