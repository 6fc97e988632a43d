import type http from "node:http";

export function stampPeerAddress(): void;
export function appendPeer(req: http.IncomingMessage): void;
