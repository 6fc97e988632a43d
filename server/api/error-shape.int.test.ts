import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { callerFor, createTestTenant, type TestTenant } from "@/server/test/factories";

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant("error-shape");
});

/** What the browser receives for a failed call, as the tRPC HTTP handler would shape it. */
async function shapeOf(call: () => Promise<unknown>) {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return getErrorShape({
    config: appRouter._def._config,
    error: error as TRPCError,
    type: "mutation",
    path: "test",
    input: undefined,
    ctx: undefined,
  });
}

describe("error shapes the forms read", () => {
  it("a service's validation error names its field; a schema error lists the fields", async () => {
    const admin = callerFor(t.users.admin);
    const order = await admin.workOrder.create({
      siteId: t.sites[0]?.id ?? "",
      title: "Door closer",
      category: "locks",
    });
    const service = await shapeOf(() => admin.workOrder.sendLink({ id: order.id }));
    expect(service.message).toBe("Assign a vendor before sending a link");
    expect(service.data).toMatchObject({ code: "BAD_REQUEST", field: "vendorId", zodError: null });

    const schema = await shapeOf(() =>
      admin.workOrder.create({ siteId: t.sites[0]?.id ?? "", title: "", category: "locks" }),
    );
    // the message itself names the field (not zod's JSON list of issues), for clients that show it
    expect(schema.message).toBe("title: Give the work order a title");
    expect(schema.data).toMatchObject({ field: null });
    expect(schema.data.zodError).toMatchObject({
      fieldErrors: { title: ["Give the work order a title"] },
    });
  });

  it("a conflict over a taken name names the field it is about", async () => {
    const admin = callerFor(t.users.admin);
    const input = { name: `Glaziers ${t.tenant.id.slice(0, 8)}`, email: "desk@glaziers.test" };
    await admin.vendor.create(input);
    const shape = await shapeOf(() => admin.vendor.create(input));
    expect(shape.message).toBe(`There is already a vendor called ${input.name}`);
    expect(shape.data).toMatchObject({ code: "CONFLICT", field: "name", zodError: null });

    const group = { name: `Night shift ${t.tenant.id.slice(0, 8)}` };
    await admin.group.create(group);
    const again = await shapeOf(() => admin.group.create(group));
    expect(again.data).toMatchObject({ code: "CONFLICT", field: "name" });
  });

  it("an unexpected failure says nothing about its cause", async () => {
    const shape = getErrorShape({
      config: appRouter._def._config,
      error: new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "relation x does not exist" }),
      type: "query",
      path: "test",
      input: undefined,
      ctx: undefined,
    });
    expect(shape.message).not.toContain("relation");
    expect(shape.data).toMatchObject({ stack: undefined, field: null });
  });
});
