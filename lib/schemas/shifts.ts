import { z } from "zod";
import { ATTENDANCE_KINDS, BOARD_SITES_PER_PAGE, SHIFT_RULES } from "../shifts";
import { coercedInstant, idList, isoDay, limit, searchText, text, uuid } from "./common";

/** A local wall-clock time, "HH:MM" on the 24-hour clock. */
export const localTime = (what: string) =>
  text({ max: 5, typeMessage: `Give the ${what} as a time like 22:00` }).regex(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    `Give the ${what} as a time like 22:00 (24-hour clock)`,
  );

const weekdays = z
  .array(
    z
      .number("Days are numbers from 1 (Monday) to 7 (Sunday)")
      .int("Days are whole numbers from 1 (Monday) to 7 (Sunday)")
      .min(1, "Days go from 1 (Monday) to 7 (Sunday)")
      .max(7, "Days go from 1 (Monday) to 7 (Sunday)"),
    "Choose the days of the week",
  )
  .min(1, "Choose at least one day")
  .max(7, "Choose each day once")
  .refine((d) => new Set(d).size === d.length, "Choose each day once");

const name = (what: string) =>
  text({
    min: 1,
    minMessage: `Name the ${what}`,
    max: 120,
    maxMessage: "Keep the name under 120 characters",
  });

export const postCreateInput = z.object({
  siteId: uuid,
  name: name("post"),
  description: text({ max: 500 }).default(""),
});
export const postUpdateInput = z.object({
  id: uuid,
  name: name("post").optional(),
  description: text({ max: 500 }).optional(),
  active: z.boolean().optional(),
});

const templateFields = {
  name: name("shift"),
  days: weekdays,
  startTime: localTime("start"),
  endTime: localTime("end"),
  effectiveFrom: isoDay(),
  effectiveTo: isoDay().nullable().optional(),
};
const sameTimes = (t: { startTime?: string; endTime?: string }) =>
  t.startTime === undefined || t.startTime !== t.endTime;
const SAME_TIMES = { message: "A shift cannot start and end at the same time", path: ["endTime"] };
const ORDERED = { message: "The last day comes before the first", path: ["effectiveTo"] };
const inOrder = (from?: string | null, to?: string | null) => !from || !to || to >= from;

export const templateCreateInput = z
  .object({ postId: uuid, ...templateFields })
  .refine(sameTimes, SAME_TIMES)
  .refine((t) => inOrder(t.effectiveFrom, t.effectiveTo), ORDERED);
export const templateUpdateInput = z
  .object({
    id: uuid,
    name: templateFields.name.optional(),
    days: weekdays.optional(),
    startTime: templateFields.startTime.optional(),
    endTime: templateFields.endTime.optional(),
    effectiveFrom: templateFields.effectiveFrom.optional(),
    effectiveTo: templateFields.effectiveTo,
    active: z.boolean().optional(),
  })
  .refine(sameTimes, SAME_TIMES)
  .refine((t) => inOrder(t.effectiveFrom, t.effectiveTo), ORDERED);

export const assignmentCreateInput = z
  .object({
    templateId: uuid,
    guardId: uuid,
    startsOn: isoDay(),
    endsOn: isoDay().nullable().optional(),
  })
  .refine((a) => inOrder(a.startsOn, a.endsOn), { ...ORDERED, path: ["endsOn"] });
export const assignmentUpdateInput = z
  .object({
    id: uuid,
    guardId: uuid.optional(),
    startsOn: isoDay().optional(),
    endsOn: isoDay().nullable().optional(),
  })
  .refine((a) => inOrder(a.startsOn, a.endsOn), { ...ORDERED, path: ["endsOn"] });

const tourFields = {
  name: name("tour"),
  critical: z.boolean().default(false),
  days: weekdays.default([1, 2, 3, 4, 5, 6, 7]),
  windowStart: localTime("first round"),
  windowEnd: localTime("end of the rounds"),
  everyMinutes: z
    .number("Give the minutes between rounds")
    .int("Give whole minutes between rounds")
    .min(10, "Rounds are at least 10 minutes apart")
    .max(1440, "Rounds are at most a day apart"),
};
export const tourCreateInput = z.object({ siteId: uuid, ...tourFields });
export const tourUpdateInput = z.object({
  id: uuid,
  name: tourFields.name.optional(),
  critical: z.boolean().optional(),
  days: weekdays.optional(),
  windowStart: tourFields.windowStart.optional(),
  windowEnd: tourFields.windowEnd.optional(),
  everyMinutes: tourFields.everyMinutes.optional(),
  active: z.boolean().optional(),
});

export const latitude = z
  .number("latitude must be a number")
  .min(-90, "latitude must be between -90 and 90")
  .max(90, "latitude must be between -90 and 90");
export const longitude = z
  .number("longitude must be a number")
  .min(-180, "longitude must be between -180 and 180")
  .max(180, "longitude must be between -180 and 180");
export const accuracyM = z
  .number("accuracyM must be a number of metres")
  .min(0, "accuracyM cannot be negative")
  .max(100_000, "accuracyM must be under 100 km");

const tolerance = z
  .number("Give the tolerance in minutes")
  .int("Give whole minutes")
  .min(1, "The tolerance is at least 1 minute")
  .max(1440, "The tolerance is at most a day");

export const checkpointCreateInput = z.object({
  tourId: uuid,
  name: name("checkpoint"),
  location: text({ max: 200 }).default(""),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
  toleranceMinutes: tolerance.default(30),
});
export const checkpointUpdateInput = z.object({
  id: uuid,
  name: name("checkpoint").optional(),
  location: text({ max: 200 }).optional(),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
  toleranceMinutes: tolerance.optional(),
  active: z.boolean().optional(),
});
export const checkpointReorderInput = z.object({ tourId: uuid, ids: idList(200, "checkpoints") });

/** A phone's fix: where, and how sure (the radius of its accuracy circle). */
export const positionInput = z.object({ latitude, longitude, accuracyM });

export const guardAttendanceInput = z.object({
  shiftId: uuid,
  /** absent when the phone could not get a fix: kept as an unknown location */
  position: positionInput.nullable().optional(),
});

export const scanInput = z.object({
  token: text({ min: 1, minMessage: "Scan a checkpoint's code", max: 200 }),
  position: positionInput.nullable().optional(),
});

export const manualAttendanceInput = z.object({
  shiftId: uuid,
  kind: z.enum(ATTENDANCE_KINDS, "kind must be check_in or check_out").default("check_in"),
  at: coercedInstant("Give the time the guard arrived"),
  note: text({ min: 1, minMessage: "Say how the check-in was confirmed", max: 500 }),
});

export const excuseInput = z.object({
  shiftId: uuid,
  reason: text({ min: 1, minMessage: "Give the reason for the absence", max: 500 }),
});

/** Sites a page of the board (or the week view) shows, and which page (1 = the first). */
const boardPage = {
  page: z.number().int().min(1).max(10_000).default(1),
  perPage: z.number().int().min(1).max(50).default(BOARD_SITES_PER_PAGE),
};

export const boardInput = z.object({ siteId: uuid.optional(), ...boardPage });

/** One site in scope, or all of them (the board's figures panels). */
export const shiftSitesInput = z.object({ siteId: uuid.optional() });

export const weekInput = z.object({
  siteId: uuid.optional(),
  /** the first site-local day shown (default: today) */
  from: isoDay().optional(),
  days: z.number().int().min(1).max(SHIFT_RULES.horizonDays).default(SHIFT_RULES.horizonDays),
  ...boardPage,
});

export const shiftListInput = z.object({
  siteId: uuid.optional(),
  guardId: uuid.optional(),
  from: coercedInstant("from must be a date and time"),
  to: coercedInstant("to must be a date and time"),
  limit: limit(1000, 200),
});

export const complianceInput = z.object({
  siteId: uuid.optional(),
  days: z.number().int().min(1).max(366).default(SHIFT_RULES.historyDays),
});

export const exportInput = z.object({
  /** a calendar month, "2026-11" */
  month: text({ max: 7, typeMessage: "Give the month as 2026-11" }).regex(
    /^\d{4}-(0[1-9]|1[0-2])$/,
    "Give the month as 2026-11",
  ),
  siteId: uuid.optional(),
});

export const rosterListInput = z.object({ siteId: uuid.optional(), q: searchText });

/** POST /api/attendance: a device or gateway reports a guard's check-in or check-out. */
export const attendanceApiInput = z
  .object({
    guardId: uuid,
    /** the shift, when the device knows it; else the guard's shift around `at` */
    shiftId: uuid.optional(),
    kind: z.enum(ATTENDANCE_KINDS, "kind must be check_in or check_out"),
    method: z.enum(["app", "nfc", "qr"], "method must be one of app, nfc, qr"),
    at: coercedInstant("at must be a date and time (ISO 8601 or epoch milliseconds)"),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
    accuracyM: accuracyM.optional(),
  })
  .superRefine((v, ctx) => {
    const given = [v.latitude, v.longitude, v.accuracyM].filter((x) => x !== undefined).length;
    if (given > 0 && given < 3)
      ctx.addIssue({
        code: "custom",
        path: [
          v.latitude === undefined
            ? "latitude"
            : v.longitude === undefined
              ? "longitude"
              : "accuracyM",
        ],
        message:
          "Send latitude, longitude and accuracyM together (or none for an unknown location)",
      });
  });
