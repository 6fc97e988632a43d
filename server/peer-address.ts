import http from "node:http";

const INSTALLED = Symbol.for("watchfloor.peerAddressStamp");

type Stamped = typeof http.Server.prototype & { [INSTALLED]?: true };

/**
 * Appends the socket's address to `X-Forwarded-For` of every request this process's HTTP
 * servers receive, before Next.js reads it. Next.js sets that header from the socket only
 * when the client sent none, so without this a client could name any address it likes;
 * with it, the right-most entry is always the real peer (server/api/client-address.ts).
 * Route handlers, server actions and Auth.js never see the socket, hence a hook at the server.
 */
export function stampPeerAddress(): void {
  const proto = http.Server.prototype as Stamped;
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0];
      if (req instanceof http.IncomingMessage) appendPeer(req);
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  proto[INSTALLED] = true;
}

export function appendPeer(req: http.IncomingMessage): void {
  const peer = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:(?=\d+\.)/, "");
  const sent = req.headers["x-forwarded-for"];
  const chain = Array.isArray(sent) ? sent.join(", ") : sent;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}
