// Plain JavaScript so that Node can preload it (`node --import`) into the app's server process
// before Next.js creates its HTTP server; instrumentation.ts installs it too (for `next dev` and
// any start that skips the launcher). Types: peer-address.d.mts.
import http from "node:http";

const INSTALLED = Symbol.for("watchfloor.peerAddressStamp");

/**
 * Appends the socket's address to `X-Forwarded-For` of every request this process's HTTP
 * servers receive, before Next.js reads it. Next.js sets that header from the socket only
 * when the client sent none, so without this a client could name any address it likes;
 * with it, the right-most entry is always the real peer (server/api/client-address.ts).
 * Route handlers, server actions and Auth.js never see the socket, hence a hook at the server.
 */
export function stampPeerAddress() {
  const proto = /** @type {any} */ (http.Server.prototype);
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function (/** @type {string | symbol} */ event, /** @type {unknown[]} */ ...args) {
    if (event === "request") {
      const req = args[0];
      if (req instanceof http.IncomingMessage) appendPeer(req);
    }
    return Reflect.apply(emit, this, [event, ...args]);
  };
  proto[INSTALLED] = true;
}

/** @param {http.IncomingMessage} req */
export function appendPeer(req) {
  const peer = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:(?=\d+\.)/, "");
  const sent = req.headers["x-forwarded-for"];
  const chain = Array.isArray(sent) ? sent.join(", ") : sent;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}
