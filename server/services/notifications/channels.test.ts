import { describe, expect, it } from "vitest";
import { slackMessage } from "./channels";

describe("slackMessage", () => {
  it("escapes Slack markup so names cannot mention or link", () => {
    const m = slackMessage(
      "Door <!channel> forced",
      "Site A&B <https://evil.test|click>",
      "/noc?alert=1",
    );
    expect(m.text).toBe(
      "Door &lt;!channel&gt; forced: Site A&amp;B &lt;https://evil.test|click&gt;",
    );
    const block = m.blocks[0]?.text.text ?? "";
    expect(block).toContain("*Door &lt;!channel&gt; forced*");
    expect(block).toMatch(/<http:\/\/localhost:\d+\/noc\?alert=1\|Open in Watchfloor>$/);
  });

  it("keeps the section under Slack's 3000 characters, link included", () => {
    const m = slackMessage("Long", "x".repeat(5000), "/overview");
    const block = m.blocks[0]?.text.text ?? "";
    expect(block.length).toBeLessThanOrEqual(3000);
    expect(block).toContain("…");
    expect(block).toMatch(/Open in Watchfloor>$/);
  });
});
