import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
      // a server component may leave a prefetch pending: its promise streams to the browser
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === "pending",
      },
      hydrate: {
        deserializeData: superjson.deserialize,
        // a streamed prefetch that failed arrives redacted; retrying would await the same
        // rejected promise again, so it fails at once and the component fetches it itself
        queries: { retry: false },
      },
    },
  });
}
