import { nextCronTime } from "@/server/services/jobs/cron";
import { INNGEST_VERSION, REFUSED_OPTIONS, type RefusedOption } from "./contract";
import { evaluateValue } from "./expression";

/**
 * The registration check: a function whose configuration asks for something the executor does
 * not implement (contract.ts) is refused with the option named, rather than run without it.
 */

export type Refusal = { functionId: string; option: string; reason: string };

/** A sync the executor will not take: nothing of it is registered. */
export class RegistrationRefused extends Error {
  constructor(readonly refusals: Refusal[]) {
    super(
      [
        ...refusals.map(
          (r) =>
            `The embedded executor refuses function "${r.functionId}": ${r.option}: ${r.reason}.`,
        ),
        "Remove the option, or run the functions on Inngest (server/executor/contract.ts lists what the executor implements).",
      ].join("\n"),
    );
    this.name = "RegistrationRefused";
  }
}

type Obj = Record<string, unknown>;
type Refuse = (option: string, reason: string) => void;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const present = (o: Obj) => Object.entries(o).filter(([, v]) => v !== undefined && v !== null);

/** the registration's name for an option, where the SDK's differs */
const SDK_NAMES: Record<string, RefusedOption> = { cancel: "cancelOn" };
const KNOWN_OPTIONS = new Set(["id", "name", "triggers", "steps", "concurrency", "priority"]);

const notImplemented = (option: RefusedOption) => `${REFUSED_OPTIONS[option]} is not implemented`;
const unknown = `not an option the executor knows (it is tested against inngest ${INNGEST_VERSION})`;

function unknownKeys(o: Obj, known: string[], prefix: string, refuse: Refuse): void {
  for (const [key] of present(o)) if (!known.includes(key)) refuse(`${prefix}.${key}`, unknown);
}

function checkExpression(expr: unknown, option: string, refuse: Refuse): void {
  if (expr === undefined || expr === null) return;
  try {
    if (typeof expr !== "string") throw new Error("it is not a string");
    // values do not matter: this only parses it
    evaluateValue(expr, { event: {}, async: {} });
  } catch (err) {
    refuse(
      option,
      `${JSON.stringify(expr)} is outside the expression subset the executor evaluates (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

function checkTriggers(triggers: unknown, refuse: Refuse): void {
  if (!Array.isArray(triggers)) return refuse("triggers", "it is not a list");
  for (const t of triggers as unknown[]) {
    if (!isObj(t)) {
      refuse("triggers", `${JSON.stringify(t)} is not a trigger`);
    } else if (typeof t.cron === "string") {
      if (t.jitter !== undefined) refuse("triggers.jitter", notImplemented("triggers.jitter"));
      unknownKeys(t, ["cron", "jitter"], "triggers", refuse);
      try {
        nextCronTime(t.cron, new Date(0));
      } catch (err) {
        refuse(
          "triggers.cron",
          `${JSON.stringify(t.cron)} is not a schedule it reads (${String(err)})`,
        );
      }
    } else if (typeof t.event === "string") {
      unknownKeys(t, ["event", "expression"], "triggers", refuse);
      checkExpression(t.expression, "triggers.if", refuse);
    } else refuse("triggers", `${JSON.stringify(t)} is neither an event nor a cron trigger`);
  }
}

function checkSteps(steps: unknown, refuse: Refuse): void {
  if (!isObj(steps) || !isObj(steps.step)) return refuse("steps", "it has no step to call");
  for (const [id] of present(steps)) if (id !== "step") refuse(`steps.${id}`, unknown);
  const { step } = steps;
  unknownKeys(step, ["id", "name", "runtime", "retries"], "steps.step", refuse);
  const runtime = isObj(step.runtime) ? step.runtime : {};
  if (runtime.type === "ws") refuse("connect", notImplemented("connect"));
  else if (typeof runtime.url !== "string") refuse("steps.step.runtime", "it has no URL to call");
  unknownKeys(runtime, ["type", "url"], "steps.step.runtime", refuse);
  if (isObj(step.retries)) unknownKeys(step.retries, ["attempts"], "retries", refuse);
}

function checkPriority(priority: unknown, refuse: Refuse): void {
  if (priority === undefined || priority === null) return;
  if (!isObj(priority)) return refuse("priority", "it is not an object");
  unknownKeys(priority, ["run"], "priority", refuse);
  checkExpression(priority.run, "priority.run", refuse);
}

function checkConcurrency(concurrency: unknown, refuse: Refuse): void {
  if (concurrency === undefined || concurrency === null) return;
  const limits: unknown[] = Array.isArray(concurrency) ? concurrency : [concurrency];
  if (limits.length > 2) refuse("concurrency", `${limits.length} limits (Inngest allows two)`);
  for (const limit of limits) {
    if (typeof limit === "number") continue;
    if (!isObj(limit) || typeof limit.limit !== "number") {
      refuse("concurrency", `${JSON.stringify(limit)} is not a limit`);
      continue;
    }
    unknownKeys(limit, ["limit", "key", "scope"], "concurrency", refuse);
    if (limit.scope === "env" || limit.scope === "account")
      refuse("concurrency.scope", `scope "${limit.scope}": ${notImplemented("concurrency.scope")}`);
    else if (limit.scope !== undefined && limit.scope !== "fn")
      refuse("concurrency.scope", `${JSON.stringify(limit.scope)} is not a scope`);
    checkExpression(limit.key, "concurrency.key", refuse);
  }
}

/** What the executor refuses of one function as the SDK registers it (empty: it takes it). */
export function refusalsOf(fn: Obj): Refusal[] {
  const functionId = typeof fn.id === "string" ? fn.id : JSON.stringify(fn.id ?? null);
  const refusals: Refusal[] = [];
  const refuse: Refuse = (option, reason) => refusals.push({ functionId, option, reason });
  for (const [key] of present(fn)) {
    const option = SDK_NAMES[key] ?? key;
    if (option in REFUSED_OPTIONS) refuse(option, notImplemented(option as RefusedOption));
    else if (!KNOWN_OPTIONS.has(key)) refuse(key, unknown);
  }
  checkTriggers(fn.triggers, refuse);
  checkSteps(fn.steps, refuse);
  checkPriority(fn.priority, refuse);
  checkConcurrency(fn.concurrency, refuse);
  return refusals;
}
