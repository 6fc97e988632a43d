// Node processes outside Next (the launcher's children, scripts, benches) may import server
// modules; `server-only` throws outside Next's react-server bundles, so resolve it to its empty
// twin here. Next's own build keeps the real check: a client import of a server module fails.
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);
