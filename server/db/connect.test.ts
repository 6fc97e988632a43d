import { describe, expect, it } from "vitest";
import { socketOf, withSocket } from "./connect";

describe("socketOf", () => {
  it("takes a libpq socket host out of the URL and names the socket file", () => {
    const url = withSocket("postgres://postgres:pw@127.0.0.1:54329/watchfloor", "/tmp");
    expect(url).toContain("host=%2Ftmp");
    expect(socketOf(url)).toEqual({
      url: "postgres://postgres:pw@127.0.0.1:54329/watchfloor",
      path: "/tmp/.s.PGSQL.54329",
    });
  });

  it("defaults the port and leaves other parameters", () => {
    expect(socketOf("postgres://u@localhost/db?host=/var/run/postgresql/&sslmode=disable")).toEqual(
      {
        url: "postgres://u@localhost/db?sslmode=disable",
        path: "/var/run/postgresql/.s.PGSQL.5432",
      },
    );
  });

  it("leaves a TCP URL alone", () => {
    const url = "postgres://u:p@db.example:5432/app?host=db2.example";
    expect(socketOf(url)).toEqual({ url, path: null });
    expect(socketOf("not a url")).toEqual({ url: "not a url", path: null });
  });
});
