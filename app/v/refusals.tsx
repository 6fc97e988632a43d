function Refusal({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="mt-10 rounded-lg border border-slate-200 bg-white p-6 text-center shadow-xs">
      <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-base text-slate-600">{children}</p>
    </main>
  );
}

/** Every bad link (unknown, expired, revoked, malformed) gets this same page, and no data. */
export function InvalidLink() {
  return (
    <Refusal title="This link is no longer valid">
      Ask the person who sent it for a new one.
    </Refusal>
  );
}

/** An address past its limit of bad links (answered 429 by proxy.ts), as the portal API says. */
export function TooManyAttempts() {
  return (
    <Refusal title="Too many attempts">
      Too many links that do not work were opened from this network. Wait a few minutes, then open
      the link you were sent again.
    </Refusal>
  );
}
