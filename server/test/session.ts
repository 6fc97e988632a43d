import { encode } from "next-auth/jwt";
import {
  workAsyncStorage,
  type WorkStore,
} from "next/dist/server/app-render/work-async-storage.external";
import {
  workUnitAsyncStorage,
  type RequestStore,
} from "next/dist/server/app-render/work-unit-async-storage.external";
import type { TestUser } from "./factories";

/** The session cookie's name on plain http (Auth.js adds `__Secure-` only on https). */
const COOKIE = "authjs.session-token";

/** A signed session cookie for this user, as signing in would set it. */
export async function sessionCookie(user: TestUser): Promise<string> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (vitest.config.ts sets one for tests)");
  const value = await encode({
    secret,
    salt: COOKIE,
    token: {
      sub: user.id,
      tid: user.tenantId,
      role: user.role,
      name: user.name,
      email: user.email,
    },
  });
  return `${COOKIE}=${value}`;
}

/**
 * Runs a route handler as Next runs it for this request: `auth()` (and `headers()`) read the
 * request's own headers, so a handler that reads the session sees the cookie the request carries.
 */
export function asRequest<T>(req: Request, handler: () => Promise<T>): Promise<T> {
  // only what headers() reads in a route handler; Next's full stores also carry rendering state.
  // Needs AsyncLocalStorage on globalThis before Next loads: import
  // "next/dist/server/node-environment-baseline" first in the test file, as `next start` does.
  const url = new URL(req.url);
  const work = {
    route: url.pathname,
    forceStatic: false,
    dynamicShouldError: false,
  } as unknown as WorkStore;
  // Next always passes the host and, behind its server, x-forwarded-proto (Auth.js picks the
  // session cookie's name by the protocol: https would look for `__Secure-…`)
  const headers = new Headers(req.headers);
  if (!headers.has("host")) headers.set("host", url.host);
  if (!headers.has("x-forwarded-proto"))
    headers.set("x-forwarded-proto", url.protocol.slice(0, -1));
  const unit = { type: "request", phase: "action", headers } as unknown as RequestStore;
  return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(unit, handler));
}
