import { PLACEHOLDER, TEMPLATE_FIELDS, type TemplateField } from "@/lib/schemas/playbooks";

/** The values a template's placeholders take, for one alert. */
export type TemplateValues = Record<TemplateField, string>;

/** How a rendered value is made inert for where it goes. */
export type EscapeMode = "html" | "slack" | "text";

const HTML: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Slack mrkdwn: &, < and > are its control characters (links, mentions such as <!channel>);
 * the formatting marks * _ ~ ` are neutralised with a zero-width space so a value cannot
 * bold, strike or code-block the message around it.
 */
export function escapeSlack(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([*_~`])/g, "\u200b$1\u200b");
}

const ESCAPE: Record<EscapeMode, (s: string) => string> = {
  html: escapeHtml,
  slack: escapeSlack,
  text: (s) => s,
};

const isField = (name: string): name is TemplateField =>
  (TEMPLATE_FIELDS as readonly string[]).includes(name);

/**
 * Fills `{{alert.field}}` placeholders with the alert's values, each escaped for `mode`;
 * the template's own text is escaped the same way, so neither can inject markup. A name
 * outside the allow-list (refused when saving) renders as nothing.
 */
export function renderTemplate(template: string, values: TemplateValues, mode: EscapeMode): string {
  const esc = ESCAPE[mode];
  let out = "";
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const at = m.index;
    out += esc(template.slice(last, at));
    const name = m[1] ?? "";
    out += isField(name) ? esc(values[name]) : "";
    last = at + m[0].length;
  }
  return out + esc(template.slice(last));
}
