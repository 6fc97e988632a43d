import { TRPCClientError } from "@trpc/client";
import { FEATURES, type Feature } from "@/lib/tiers";

type ZodShape = {
  fieldErrors?: Record<string, string[] | undefined>;
  formErrors?: string[];
} | null;

/** The message to show for a failed call. */
export function errorMessage(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const zod = (err.data as { zodError?: ZodShape } | undefined)?.zodError;
    if (zod) return "Some fields need attention";
    return err.message;
  }
  return err instanceof Error ? err.message : "Something went wrong";
}

/** Per-field messages from a failed call's validation errors. */
export function fieldErrors(err: unknown): Record<string, string | undefined> {
  if (!(err instanceof TRPCClientError)) return {};
  const data = err.data as { zodError?: ZodShape; field?: string | null } | undefined;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(data?.zodError?.fieldErrors ?? {})) out[k] = v?.[0];
  // a service-side check (e.g. "an unknown time zone") names one field and says why; next to
  // the field, a message that starts by naming it ("name: …", for API callers) drops the name
  if (data?.field) {
    const named = `${data.field}: `;
    out[data.field] = err.message.startsWith(named) ? err.message.slice(named.length) : err.message;
  }
  return out;
}

/** The feature a call was refused for because of the client's plan (show it locked), or null. */
export function lockedFeature(err: unknown): Feature | null {
  if (!(err instanceof TRPCClientError)) return null;
  const feature = (err.data as { feature?: string | null } | undefined)?.feature;
  return feature && feature in FEATURES ? (feature as Feature) : null;
}
