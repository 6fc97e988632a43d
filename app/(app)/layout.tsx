import { redirect } from "next/navigation";
import { navFor } from "@/lib/navigation";
import { ROLE_LABELS } from "@/lib/roles";
import { auth } from "@/server/auth";
import { serverCaller } from "@/server/api/rsc";
import { Header } from "@/components/shell/header";
import { LiveUpdates } from "@/components/shell/live-updates";
import { MobileNav, Sidebar } from "@/components/shell/sidebar";
import { InactiveAccount } from "@/components/shell/inactive-account";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  if (!session?.user) redirect("/login");
  const me = await (await serverCaller()).me.get().catch(() => null);
  // The account was deactivated or removed since the session began.
  if (!me) return <InactiveAccount />;
  const items = navFor(me.role).map(({ href, label, section }) => ({ href, label, section }));
  return (
    <div className="flex min-h-screen">
      <Sidebar items={items} tenantName={me.tenant.name} />
      <div className="flex min-w-0 flex-1 flex-col">
        <MobileNav items={items} />
        <Header
          name={me.name}
          email={me.email}
          roleLabel={ROLE_LABELS[me.role]}
          tenantName={me.tenant.name}
          role={me.role}
          pages={items}
        />
        <main className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6 sm:px-6">{children}</main>
      </div>
      <LiveUpdates />
    </div>
  );
}
