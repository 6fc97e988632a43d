import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { selectedFromSearch as ticketFromSearch } from "./sla/search-params";
import { vendorFromSearch } from "./vendors/search-params";
import { selectedFromSearch as orderFromSearch } from "./work-orders/search-params";

// (collected by the integration project: the unit project does not look under app/)
describe("a selected id in a page's URL", () => {
  it("is taken only when it is a uuid, as the procedures it is passed to require", () => {
    const id = randomUUID();
    for (const bad of ["-".repeat(36), "g".repeat(36), `${id.slice(0, -1)}-`, "\u0000"]) {
      expect(ticketFromSearch({ ticket: bad })).toBeNull();
      expect(orderFromSearch({ order: bad })).toBeNull();
      expect(vendorFromSearch({ vendor: bad })).toBeNull();
    }
    expect(ticketFromSearch({ ticket: id })).toBe(id);
    expect(orderFromSearch({ order: id })).toBe(id);
    expect(vendorFromSearch({ vendor: id })).toBe(id);
  });
});
