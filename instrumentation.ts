/**
 * Runs once when a server process of the app starts: the socket address is stamped on every
 * request (server/peer-address.mjs; the launcher preloads it so no request comes before it), and with Inngest the app relays the event outbox, so events
 * a crash left there are sent now rather than with the next one queued.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { stampPeerAddress } = await import("./server/peer-address.mjs");
    stampPeerAddress();
    const { kickOutboxRelay } = await import("@/server/events/outbox");
    kickOutboxRelay();
  }
}
