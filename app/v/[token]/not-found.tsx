/** Every bad link (unknown, expired, revoked, malformed) gets this same page, and no data. */
export default function InvalidLink() {
  return (
    <main className="mt-10 rounded-lg border border-slate-200 bg-white p-6 text-center shadow-xs">
      <h1 className="text-lg font-semibold text-slate-900">This link is no longer valid</h1>
      <p className="mt-2 text-base text-slate-600">Ask the person who sent it for a new one.</p>
    </main>
  );
}
