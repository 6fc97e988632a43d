import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { platformContext } from "@/server/services/_core/system";
import { db, schema } from "@/server/db";
import { callerFor, createTestTenant } from "@/server/test/factories";
import { authenticateApiKey, KEY_LAST_USED_MS } from "./api-keys";

const keyLookup = platformContext("api-key-auth");

describe("API keys", () => {
  it("shows a key once, stores only its hash, and stops working when revoked", async () => {
    const t = await createTestTenant("keys");
    const admin = callerFor(t.users.admin);
    const { id, key } = await admin.apiKey.create({ name: "Alarm panel bridge" });
    expect(key).toMatch(/^wf_[A-Za-z0-9_-]{43}$/);
    const [listed] = await admin.apiKey.list();
    expect(listed).toMatchObject({
      id,
      name: "Alarm panel bridge",
      prefix: key.slice(0, 9),
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(key.slice(9));
    expect(await authenticateApiKey(keyLookup, key, new Date())).toMatchObject({
      tenantId: t.tenant.id,
      actor: { keyId: id },
    });
    expect(await authenticateApiKey(keyLookup, `${key}x`, new Date())).toBeNull();
    // used: the list says when, to the minute (a second use within it writes nothing)
    const [used] = await admin.apiKey.list();
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
    await authenticateApiKey(keyLookup, key, new Date());
    const [again] = await admin.apiKey.list();
    expect(again?.lastUsedAt).toEqual(used?.lastUsedAt);
    // a minute later, the next use moves it
    await db
      .update(schema.apiKeys)
      .set({ lastUsedAt: new Date(Date.now() - KEY_LAST_USED_MS - 1000) })
      .where(eq(schema.apiKeys.id, id));
    await authenticateApiKey(keyLookup, key, new Date());
    const [later] = await admin.apiKey.list();
    expect(Date.now() - (later?.lastUsedAt?.getTime() ?? 0)).toBeLessThan(KEY_LAST_USED_MS);
    await admin.apiKey.revoke({ id });
    expect(await authenticateApiKey(keyLookup, key, new Date())).toBeNull();
    await expect(admin.apiKey.revoke({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await createTestTenant("keys-other");
    await expect(callerFor(other.users.admin).apiKey.revoke({ id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(t.users.supervisor).apiKey.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
