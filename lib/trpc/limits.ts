/**
 * Most procedure calls one tRPC request may carry. Each call of a batch runs at once on the
 * server with its own queries, so an uncapped batch lets one request start hundreds of them.
 * The app's busiest page batches fewer than ten; the browser client splits at this cap
 * (`maxItems`), so only a hand-made request can exceed it.
 */
export const TRPC_MAX_BATCH_SIZE = 20;
