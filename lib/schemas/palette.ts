import { z } from "zod";
import { limit, text } from "./common";

/** What the command palette sends as the user types: a few characters, a few results back. */
export const paletteSearchInput = z.object({
  q: text({ min: 1, minMessage: "Type something to search", max: 100 }),
  limit: limit(10, 6),
});
export type PaletteSearchInput = z.input<typeof paletteSearchInput>;
