import { afterEach, describe, expect, it, vi } from "vitest";
import {
  gatherDeliveryRequests,
  requestDelivery,
} from "@/server/services/notifications/request-delivery";
import { eventClient } from "./client";
import { sendSoon } from "./send-soon";

type Sent = { name: string; data: Record<string, unknown> }[];

/** Holds each request open until `release` is called, recording what it carried. */
function holdSends() {
  const requests: Sent[] = [];
  const releases: (() => void)[] = [];
  vi.spyOn(eventClient, "send").mockImplementation(((events: Sent) => {
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

/** Replaces eventClient.send with one that answers at once and keeps what it was given. */
function recordSends(): Sent {
  const sent: Sent = [];
  vi.spyOn(eventClient, "send").mockImplementation(((events: Sent) => {
    sent.push(...events);
    return Promise.resolve({ ids: [] });
  }) as never);
  return sent;
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
    const first = sendSoon({ name: "noc/alert.created", data: { tenantId: tenant, alertId: "a" } });
    expect(requests).toHaveLength(1);
    const later = ["b", "c", "d"].map((alertId) =>
      sendSoon({ name: "noc/alert.created", data: { tenantId: tenant, alertId } }),
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

  it("holds a job's delivery requests and sends them 500 at a time, then the rest when it ends", async () => {
    const sent = recordSends();
    const other = "22222222-2222-4222-8222-222222222222";
    const countOf = (e: Sent[number]) => (e.data.notificationIds as string[]).length;
    await gatherDeliveryRequests(async () => {
      // 1,200 escalations with 2 notifications each, one transaction after another
      for (let i = 0; i < 600; i++) {
        requestDelivery(tenant, ids(2, 2 * i));
        await new Promise((r) => setTimeout(r, 0));
      }
      requestDelivery(other, ids(3, 5000));
      await new Promise((r) => setTimeout(r, 0));
      // full requests went out while the job ran; the rest waits for its end
      expect(sent.map(countOf)).toEqual([500, 500]);
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(sent.map((e) => [e.data.tenantId, countOf(e)])).toEqual([
      [tenant, 500],
      [tenant, 500],
      [tenant, 200],
      [other, 3],
    ]);
    expect(sent.flatMap((e) => e.data.notificationIds as string[]).sort()).toEqual(
      [...ids(1200), ...ids(3, 5000)].sort(),
    );
    // outside a job, each request goes at once
    requestDelivery(tenant, ids(1, 9000));
    expect(sent).toHaveLength(5);
  });

  it("sends what a failing job held back", async () => {
    const sent = recordSends();
    await expect(
      gatherDeliveryRequests(async () => {
        requestDelivery(tenant, ids(4));
        throw new Error("the clock run failed half way");
      }),
    ).rejects.toThrow("half way");
    await new Promise((r) => setTimeout(r, 0));
    expect(sent.map((e) => e.data.notificationIds)).toEqual([ids(4)]);
  });

  it("rejects every waiter of a failed request, and goes on with the next", async () => {
    const send = vi
      .spyOn(eventClient, "send")
      .mockRejectedValueOnce(new Error("executor down"))
      .mockResolvedValue({ ids: [] } as never);
    await expect(
      sendSoon({ name: "noc/alert.created", data: { tenantId: tenant, alertId: "a" } }),
    ).rejects.toThrow("executor down");
    await expect(
      sendSoon({ name: "noc/alert.created", data: { tenantId: tenant, alertId: "a" } }),
    ).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledTimes(2);
  });
});
