import { afterEach, describe, expect, it, vi } from "vitest";
import { requestDelivery } from "@/server/services/notifications/request-delivery";
import { inngest } from "./client";
import { sendSoon } from "./send-soon";

type Sent = { name: string; data: Record<string, unknown> }[];

/** Holds each request open until `release` is called, recording what it carried. */
function holdSends() {
  const requests: Sent[] = [];
  const releases: (() => void)[] = [];
  vi.spyOn(inngest, "send").mockImplementation(((events: Sent) => {
    requests.push(events);
    return new Promise((resolve) => releases.push(() => resolve({ ids: [] } as never)));
  }) as never);
  return {
    requests,
    release: async () => {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const tenant = "11111111-1111-4111-8111-111111111111";
const ids = (n: number, from = 0) =>
  Array.from(
    { length: n },
    (_, i) => `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`,
  );

afterEach(() => vi.restoreAllMocks());

describe("sendSoon", () => {
  it("sends at once when idle and batches what arrives while a request is in flight", async () => {
    const { requests, release } = holdSends();
    const first = sendSoon({ name: "noc/alert.created", data: { alertId: "a" } });
    expect(requests).toHaveLength(1);
    const later = ["b", "c", "d"].map((alertId) =>
      sendSoon({ name: "noc/alert.created", data: { alertId } }),
    );
    expect(requests).toHaveLength(1);
    await release();
    await first;
    expect(requests).toHaveLength(2);
    expect(requests[1]?.map((e) => e.data.alertId)).toEqual(["b", "c", "d"]);
    await release();
    await Promise.all(later);
  });

  it("merges one tenant's delivery requests into one event, up to 500 notifications", async () => {
    const { requests, release } = holdSends();
    requestDelivery(tenant, ids(1));
    requestDelivery(tenant, ids(2, 1));
    requestDelivery(tenant, ids(3, 3));
    requestDelivery("22222222-2222-4222-8222-222222222222", ids(1, 900));
    requestDelivery(tenant, ids(499, 6)); // would pass 500: a new event
    await release();
    const batch = requests[1] ?? [];
    expect(batch.map((e) => (e.data.notificationIds as string[]).length)).toEqual([5, 1, 499]);
    expect(batch[0]?.data.notificationIds).toEqual(ids(5, 1));
    await release();
  });

  it("rejects every waiter of a failed request, and goes on with the next", async () => {
    const send = vi
      .spyOn(inngest, "send")
      .mockRejectedValueOnce(new Error("executor down"))
      .mockResolvedValue({ ids: [] } as never);
    await expect(sendSoon({ name: "noc/alert.created", data: {} })).rejects.toThrow(
      "executor down",
    );
    await expect(sendSoon({ name: "noc/alert.created", data: {} })).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledTimes(2);
  });
});
