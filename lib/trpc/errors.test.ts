import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { fieldErrors } from "./errors";

const failed = (message: string, data: Record<string, unknown>) =>
  new TRPCClientError(message, { result: { error: { message, code: -32600, data } } });

describe("fieldErrors", () => {
  it("puts a service's message at the field it names, without repeating the name", () => {
    expect(
      fieldErrors(failed("name: This site already has a post called “Lobby”", { field: "name" })),
    ).toEqual({ name: "This site already has a post called “Lobby”" });
    expect(fieldErrors(failed("There is already a vendor called Acme", { field: "name" }))).toEqual(
      { name: "There is already a vendor called Acme" },
    );
  });

  it("takes the first message of each field from a schema's errors", () => {
    expect(
      fieldErrors(failed("bad", { zodError: { fieldErrors: { startTime: ["Give the start"] } } })),
    ).toEqual({ startTime: "Give the start" });
    expect(fieldErrors(new Error("plain"))).toEqual({});
  });
});
