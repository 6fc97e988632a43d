import "server-only";
import { registerLivePush } from "./live/registry";
import { alertLivePush } from "./noc/live-push";

/**
 * The domains whose changes the live bus pushes with their data rather than as ids alone. The
 * bus (server/services/live/) knows no domain: what serves live streams imports this module
 * (app/api/live/route.ts; the integration tests' setup).
 */
registerLivePush(alertLivePush);
