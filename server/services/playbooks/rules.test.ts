import { describe, expect, it } from "vitest";
import { playbookDefinition, type PlaybookTrigger } from "@/lib/schemas/playbooks";
import { guardrailAllows, replayGuardrail } from "./guardrail";
import { matchesTrigger, triggerMismatches, type MatchableAlert } from "./match";
import { escapeHtml, escapeSlack, renderTemplate, type TemplateValues } from "./template";

const trigger: PlaybookTrigger = {
  alertTypes: ["DEVICE_OFFLINE"],
  minSeverity: "medium",
  minScore: 40,
  clientIds: [],
  siteIds: [],
  afterHoursOnly: false,
};
const alert: MatchableAlert = {
  type: "DEVICE_OFFLINE",
  severity: "high",
  score: 55,
  clientId: "c1",
  siteId: "s1",
  // Wednesday 2026-12-02 at 10:00 in Chicago
  firstSeenAt: new Date("2026-12-02T16:00:00Z"),
  timeZone: "America/Chicago",
};

describe("trigger matching", () => {
  it("matches type, severity at or above the minimum, score at or above the minimum", () => {
    expect(matchesTrigger(trigger, alert)).toBe(true);
    expect(matchesTrigger(trigger, { ...alert, severity: "medium", score: 40 })).toBe(true);
  });
  it("says why an alert does not match", () => {
    expect(triggerMismatches(trigger, { ...alert, type: "INTRUSION" })).toHaveLength(1);
    expect(triggerMismatches(trigger, { ...alert, severity: "low" })[0]).toContain("below medium");
    expect(triggerMismatches(trigger, { ...alert, score: 39 })[0]).toContain("under 40");
    expect(triggerMismatches(trigger, { ...alert, score: null })[0]).toContain("no priority score");
  });
  it("narrows to the chosen clients and sites", () => {
    expect(matchesTrigger({ ...trigger, clientIds: ["c2"] }, alert)).toBe(false);
    expect(matchesTrigger({ ...trigger, siteIds: ["s1", "s2"] }, alert)).toBe(true);
    expect(matchesTrigger({ ...trigger, siteIds: ["s2"] }, alert)).toBe(false);
  });
  it("after hours only: before 07:00, from 19:00 or at a weekend, in the site's zone", () => {
    const night = { ...trigger, afterHoursOnly: true };
    expect(triggerMismatches(night, alert)[0]).toContain("working hours");
    // 19:00 Wednesday in Chicago is 01:00 Thursday UTC: the site's zone decides
    expect(matchesTrigger(night, { ...alert, firstSeenAt: new Date("2026-12-03T01:00:00Z") })).toBe(
      true,
    );
    expect(matchesTrigger(night, { ...alert, firstSeenAt: new Date("2026-12-03T00:59:00Z") })).toBe(
      false,
    );
    // 06:59 local, and Saturday noon
    expect(matchesTrigger(night, { ...alert, firstSeenAt: new Date("2026-12-02T12:59:00Z") })).toBe(
      true,
    );
    expect(matchesTrigger(night, { ...alert, firstSeenAt: new Date("2026-12-05T18:00:00Z") })).toBe(
      true,
    );
    expect(
      matchesTrigger(trigger, { ...alert, firstSeenAt: new Date("2026-12-05T18:00:00Z") }),
    ).toBe(true);
  });
  it("a minimum score of 0 takes unscored alerts too", () => {
    expect(matchesTrigger({ ...trigger, minScore: 0 }, { ...alert, score: null })).toBe(true);
  });
});

const values = {
  "alert.title": `<img src=x onerror=alert(1)> *bold* <!channel> & "q"`,
  "alert.site": "Acme & Co",
} as TemplateValues;

describe("template rendering", () => {
  it("escapes values and the template's own text for HTML", () => {
    const out = renderTemplate("<b>{{alert.title}}</b> at {{ alert.site }}", values, "html");
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<b>");
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out).toContain("Acme &amp; Co");
  });
  it("escapes Slack's control characters and formatting marks", () => {
    const out = renderTemplate("{{alert.title}}", values, "slack");
    expect(out).not.toContain("<!channel>");
    expect(out).toContain("&lt;!channel&gt;");
    expect(out).not.toMatch(/(^|[^\u200b])\*bold/);
  });
  it("leaves text as it is for the outbox (each channel escapes on delivery)", () => {
    expect(renderTemplate("Site: {{alert.site}}", values, "text")).toBe("Site: Acme & Co");
  });
  it("renders an unknown placeholder as nothing", () => {
    expect(renderTemplate("a{{alert.secret}}b", values, "text")).toBe("ab");
  });
  it("escapes the basics", () => {
    expect(escapeHtml(`'"<>&`)).toBe("&#39;&quot;&lt;&gt;&amp;");
    expect(escapeSlack("<@U1>")).toBe("&lt;@U1&gt;");
  });
});

describe("guardrail counting", () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 4, 10, m));
  it("allows up to N starts in the last hour at a site", () => {
    expect(guardrailAllows([at(0), at(10)], at(20), 3)).toBe(true);
    expect(guardrailAllows([at(0), at(10), at(15)], at(20), 3)).toBe(false);
  });
  it("forgets starts an hour old", () => {
    expect(guardrailAllows([at(0), at(10), at(15)], new Date(at(0).getTime() + 3600_000), 3)).toBe(
      true,
    );
  });
  it("replays a stream per site; skipped alerts do not count", () => {
    const stream = [0, 1, 2, 3, 4].map((m) => ({ siteId: "a", at: at(m) }));
    stream.push({ siteId: "b", at: at(5) });
    const { ran, skipped } = replayGuardrail(stream, 2);
    expect(ran.map((r) => r.siteId)).toEqual(["a", "a", "b"]);
    expect(skipped).toHaveLength(3);
  });
});

describe("definition validation", () => {
  const base = {
    trigger: { alertTypes: ["FIRE_ALARM"], minSeverity: "high" },
    steps: [{ kind: "resolve_alert", note: "ok" }],
  };
  it("refuses a playbook that would resolve fire alarms or panic alerts", () => {
    const r = playbookDefinition.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("never resolve FIRE_ALARM");
    expect(r.error?.issues[0]?.path).toEqual(["steps", 0, "kind"]);
  });
  it("refuses unknown template fields, naming them", () => {
    const r = playbookDefinition.safeParse({
      trigger: { alertTypes: ["INTRUSION"], minSeverity: "high" },
      steps: [{ kind: "resolve_alert", note: "{{alert.password}}" }],
    });
    expect(r.error?.issues[0]?.message).toContain("Unknown field {{alert.password}}");
  });
  it("gives a clear message per field", () => {
    const r = playbookDefinition.safeParse({
      trigger: { alertTypes: [], minSeverity: "high" },
      steps: [
        {
          kind: "wait_for_condition",
          condition: { kind: "device_online" },
          everyMinutes: 30,
          timeoutMinutes: 10,
          onTimeout: "stop",
        },
        { kind: "assign" },
      ],
    });
    const messages = r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages).toContain("trigger.alertTypes: Choose at least one alert type");
    expect(messages).toContain(
      "steps.0.everyMinutes: Check at least once before the timeout (every ≤ timeout)",
    );
    expect(messages).toContain("steps.1.userId: Choose either a user or a group");
  });
});
