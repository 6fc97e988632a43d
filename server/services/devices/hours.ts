export const HOUR_MS = 3_600_000;

export const hourFloor = (at: Date | number) =>
  new Date(Math.floor(new Date(at).getTime() / HOUR_MS) * HOUR_MS);
