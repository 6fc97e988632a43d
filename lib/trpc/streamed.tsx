"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { Suspense, use, useSyncExternalStore } from "react";

/**
 * A part of a page whose query the server component started without awaiting it
 * (`void prefetchQuery`, dehydrated while pending): the shell paints at once with `fallback`,
 * and the server streams this part in once the data is there, so the browser hydrates the same
 * markup. The children read the query with `useQuery` as usual and keep their own loading and
 * error states (a refusal shows inline, e.g. locked): a failed prefetch is not thrown to an
 * error boundary as `useSuspenseQuery` would; the fallback stays until the page has hydrated
 * and the children fetch it again from the browser, where the refusal's message is readable.
 */
export function Streamed({
  queryKey,
  fallback,
  children,
}: {
  queryKey: QueryKey;
  fallback: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Suspense fallback={fallback}>
      <AwaitQuery queryKey={queryKey} fallback={fallback}>
        {children}
      </AwaitQuery>
    </Suspense>
  );
}

function AwaitQuery({
  queryKey,
  fallback,
  children,
}: {
  queryKey: QueryKey;
  fallback: React.ReactNode;
  children: React.ReactNode;
}) {
  const query = useQueryClient().getQueryCache().find({ queryKey, exact: true });
  const hydrated = useHydrated();
  // once hydrated (and on a client-side navigation) the children show their own pending state
  if (hydrated) return children;
  const state = query?.state;
  if (query?.promise && state?.status === "pending" && state.fetchStatus === "fetching")
    use(settled(query.promise));
  // the server rendered the fallback for a failed prefetch; so does hydration, then the children
  return query?.state.status === "error" ? fallback : children;
}

const settledOnce = new WeakMap<Promise<unknown>, Promise<void>>();
/** The same promise each render (React's `use` needs that), resolved whatever the outcome. */
function settled(p: Promise<unknown>): Promise<void> {
  let s = settledOnce.get(p);
  if (!s) {
    s = p.then(
      () => undefined,
      () => undefined,
    );
    settledOnce.set(p, s);
  }
  return s;
}

const never = () => () => {};
/** False on the server and while hydrating, true afterwards. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
