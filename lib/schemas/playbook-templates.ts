import { text } from "./common";

/**
 * The fields a template may use, as `{{alert.title}}`. Anything else in braces is refused by
 * validation; values are escaped for the channel they go to (HTML for e-mail and the page,
 * mrkdwn for Slack) when rendered.
 */
export const TEMPLATE_FIELDS = [
  "alert.title",
  "alert.type",
  "alert.severity",
  "alert.score",
  "alert.description",
  "alert.site",
  "alert.client",
  "alert.device",
  "alert.firstSeenAt",
  "alert.url",
  "playbook.name",
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export const TEMPLATE_FIELD_LABELS: Record<TemplateField, string> = {
  "alert.title": "Alert title",
  "alert.type": "Alert type",
  "alert.severity": "Severity",
  "alert.score": "Priority score",
  "alert.description": "Description",
  "alert.site": "Site name",
  "alert.client": "Client name",
  "alert.device": "Device name",
  "alert.firstSeenAt": "First seen (site time)",
  "alert.url": "Link to the alert",
  "playbook.name": "Playbook name",
};

/** `{{ name }}` placeholders; the name group is what a template refers to. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of a template that are not in TEMPLATE_FIELDS. */
export function unknownPlaceholders(template: string): string[] {
  const bad: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? "";
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) bad.push(name);
  }
  return bad;
}

export function placeholderTemplate(opts: { max: number; min?: number; minMessage?: string }) {
  return text({ max: opts.max, min: opts.min, minMessage: opts.minMessage }).superRefine(
    (value, ctx) => {
      const bad = unknownPlaceholders(value);
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `Unknown field ${bad.map((b) => `{{${b}}}`).join(", ")}; use one of ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(", ")}`,
        });
    },
  );
}
