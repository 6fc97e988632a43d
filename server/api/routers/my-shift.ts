import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import { guardAttendanceInput, scanInput } from "@/lib/schemas/shifts";
import { confirmShift, guardAttendance, myShifts } from "@/server/services/shifts/guard";
import { myTours, scanCheckpoint } from "@/server/services/shifts/guard-tours";
import { requireCapability, router } from "../trpc";

/** The guard's phone page: their own shifts and tours only. */
const own = requireCapability("myShifts.view");
const checkers = requireCapability("shifts.checkIn");

export const myShiftRouter = router({
  list: own.query(({ ctx }) => myShifts(ctx.svc, new Date())),
  tours: own.query(({ ctx }) => myTours(ctx.svc, new Date())),
  checkIn: checkers
    .input(guardAttendanceInput)
    .mutation(({ ctx, input }) =>
      guardAttendance(ctx.svc, { ...input, kind: "check_in" }, new Date()),
    ),
  checkOut: checkers
    .input(guardAttendanceInput)
    .mutation(({ ctx, input }) =>
      guardAttendance(ctx.svc, { ...input, kind: "check_out" }, new Date()),
    ),
  confirm: checkers
    .input(z.object({ shiftId: uuid }))
    .mutation(({ ctx, input }) => confirmShift(ctx.svc, input, new Date())),
  scan: requireCapability("tours.scan")
    .input(scanInput)
    .mutation(({ ctx, input }) => scanCheckpoint(ctx.svc, input, new Date())),
});
