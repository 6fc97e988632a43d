import { Badge, type Tone } from "./badge";

const TONES: Record<string, Tone> = {
  completed: "green",
  failed: "red",
  cancelled: "slate",
  running: "sky",
  queued: "sky",
  sleeping: "amber",
  waiting: "amber",
  error: "red",
};

export function RunStatus({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "slate"}>{status}</Badge>;
}
