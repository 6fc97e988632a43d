import { closeDb } from "@/server/db";
import { jobContext } from "@/server/services/_core/system";
import { createAlert } from "@/server/services/noc/create-alert";

/**
 * A stand-in for the app taking alerts, for the crash tests: creates alerts one after another
 * at TENANT_ID's SITE_ID and prints "created <n>" after each commit, until it is killed.
 */
const tenantId = process.env.TENANT_ID ?? "";
const siteId = process.env.SITE_ID ?? "";
const ctx = jobContext(tenantId, "crash-test");
for (let n = 1; ; n++) {
  await createAlert(
    ctx,
    {
      siteId,
      type: "DEVICE_OFFLINE",
      severity: "medium",
      title: `intake ${n}`,
      description: "",
      fingerprint: `intake-${n}`,
      source: "api",
    },
    new Date(),
  );
  console.log(`created ${n}`);
  if (n === Number(process.env.MAX ?? Infinity)) break;
}
await closeDb();
