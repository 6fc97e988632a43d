/**
 * Runs once when a server process of the app starts. With Inngest, the app relays the event
 * outbox: events a crash left there are sent now rather than with the next one queued.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { kickOutboxRelay } = await import("@/server/services/_core/outbox");
    kickOutboxRelay();
  }
}
