import { Badge, type Tone } from "@/components/ui/badge";
import type { Rag } from "@/lib/scorecards";

const TONE: Record<Rag, Tone> = { red: "red", amber: "amber", green: "green", none: "slate" };
const TEXT: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green", none: "n/a" };

/** A RAG status as a badge that says it in words, not colour alone. */
export function RagBadge({ rag }: { rag: Rag }) {
  return <Badge tone={TONE[rag]}>{TEXT[rag]}</Badge>;
}
