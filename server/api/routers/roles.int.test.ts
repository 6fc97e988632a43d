import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { rolesWith } from "@/lib/permissions";
import { ROLES, type Role } from "@/lib/roles";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";
import { appProcedures } from "@/server/test/procedures";

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("roles");
});

async function allowed(p: Promise<unknown>): Promise<boolean> {
  try {
    await p;
    return true;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "FORBIDDEN") return false;
    throw err;
  }
}

type Caller = ReturnType<typeof callerFor>;
/** Every procedure of the foundation, called harmlessly; the matrix below says who may. */
const procedures: Record<string, (c: Caller, t: TestTenant) => Promise<unknown>> = {
  "user.list": (c) => c.user.list(),
  "user.update": (c, t) =>
    c.user.update({ id: t.users.specialist.id, name: t.users.specialist.name }),
  "client.create": (c) => c.client.create({ name: `C ${Math.random()}`, tier: "none" }),
  "client.update": (c, t) => c.client.update({ id: t.clients.bronze.id, name: "Bronze Client" }),
  "site.update": (c, t) => c.site.update({ id: t.sites[2]?.id ?? "", name: "Bronze Store" }),
  "group.list": (c) => c.group.list(),
  "group.create": (c) => c.group.create({ name: `G ${Math.random()}` }),
  "audit.recent": (c) => c.audit.recent({ limit: 5 }),
  "apiKey.list": (c) => c.apiKey.list(),
  "client.list": (c) => c.client.list(),
  "site.list": (c) => c.site.list({}),
  "me.get": (c) => c.me.get(),
  "notification.inbox": (c) => c.notification.inbox({ limit: 5 }),
};

const ALL: Role[] = [
  "admin",
  "supervisor",
  "noc_operator",
  "specialist",
  "site_manager",
  "executive",
];
/** Guards have their own phone page: of the foundation's procedures, only their own account. */
const EVERY: Role[] = [...ALL, "guard"];
const expected: Record<string, Role[]> = {
  "user.list": ["admin"],
  "user.update": ["admin"],
  "client.create": ["admin"],
  "client.update": ["admin"],
  "site.update": ["admin"],
  "group.list": ["admin", "supervisor"],
  "group.create": ["admin"],
  "audit.recent": ["admin", "supervisor"],
  "apiKey.list": ["admin"],
  "client.list": ALL,
  "site.list": ALL,
  "me.get": EVERY,
  "notification.inbox": EVERY,
};

describe("role sweep: every role × every procedure", () => {
  for (const [name, call] of Object.entries(procedures)) {
    it(`${name} is allowed for ${expected[name]?.join(", ")}`, async () => {
      const got: Role[] = [];
      for (const role of EVERY)
        if (await allowed(call(callerFor(t.users[role]), t))) got.push(role);
      expect(got).toEqual(expected[name]);
    });
  }

  it("refuses signed-out callers", async () => {
    await expect(callerFor(null).client.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("role sweep: every procedure of the app × every role, against the capability map", () => {
  // The role check runs before the input is parsed: a role the map allows gets a bad-input
  // error (or, for a procedure without input, its answer), a role it does not gets FORBIDDEN.
  const NOT_AN_INPUT = "not an input";

  function call(caller: Caller, path: string): Promise<unknown> {
    let fn: unknown = caller;
    for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
    return (fn as (input: unknown) => Promise<unknown>)(NOT_AN_INPUT);
  }

  async function passesRoleCheck(caller: Caller, path: string): Promise<boolean> {
    try {
      await call(caller, path);
      return true;
    } catch (err) {
      if (err instanceof TRPCError && err.code === "FORBIDDEN") return false;
      if (err instanceof TRPCError && err.code === "BAD_REQUEST") return true;
      throw err;
    }
  }

  for (const { path, capability } of appProcedures()) {
    it(`${path} (${capability ?? "no capability"})`, async () => {
      expect(capability).toBeDefined();
      if (!capability) return;
      const got: Role[] = [];
      for (const role of ROLES)
        if (await passesRoleCheck(callerFor(t.users[role]), path)) got.push(role);
      expect(got).toEqual(ROLES.filter((r) => rolesWith(capability).includes(r)));
    });
  }
});
