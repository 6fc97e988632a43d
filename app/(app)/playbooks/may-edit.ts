import { mayOpen } from "@/components/shell/page-guard.server";
import { can } from "@/lib/permissions";
import { serverCaller } from "@/server/api/rsc";

/**
 * The editor pages' check: the playbooks pages' role, and the capability to manage them
 * (the list is open to more roles than the editor, which has no navigation entry of its own).
 */
export async function mayEditPlaybooks(): Promise<boolean> {
  if (!(await mayOpen("/playbooks"))) return false;
  const me = await (await serverCaller()).me.get().catch(() => null);
  return can(me?.role, "playbook.manage");
}
