import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/schemas/common";
import {
  boardInput,
  complianceInput,
  excuseInput,
  exportInput,
  manualAttendanceInput,
  shiftListInput,
  shiftSitesInput,
  weekInput,
} from "@/lib/schemas/shifts";
import { shiftBoard } from "@/server/services/shifts/board";
import { excuseAbsence, manualAttendance } from "@/server/services/shifts/manage";
import { tourCoverage } from "@/server/services/shifts/tours";
import { listShifts, shiftDetail, shiftWeek } from "@/server/services/shifts/views";
import { complianceFigures, coverageRisk } from "@/server/services/shifts/figures";
import { exportShiftsCsv } from "@/server/services/shifts/export-csv";
import { requireCapability, router } from "../trpc";

/** Site managers (their sites), supervisors and admins: the shift board and its figures. */
const viewers = requireCapability("shifts.view");
const recorders = requireCapability("shifts.record");

export const shiftRouter = router({
  board: viewers
    .input(boardInput)
    .query(({ ctx, input }) => shiftBoard(ctx.svc, input, new Date())),
  week: viewers.input(weekInput).query(({ ctx, input }) => shiftWeek(ctx.svc, input, new Date())),
  list: viewers
    .input(shiftListInput)
    .query(({ ctx, input }) => listShifts(ctx.svc, input, new Date())),
  get: viewers
    .input(z.object({ id: uuid }))
    .query(({ ctx, input }) => shiftDetail(ctx.svc, input.id, new Date())),
  coverageRisk: viewers
    .input(shiftSitesInput)
    .query(({ ctx, input }) => coverageRisk(ctx.svc, input, new Date())),
  compliance: viewers
    .input(complianceInput)
    .query(({ ctx, input }) => complianceFigures(ctx.svc, input, new Date())),
  tourCoverage: viewers
    .input(complianceInput)
    .query(({ ctx, input }) => tourCoverage(ctx.svc, input, new Date())),
  exportCsv: viewers
    .input(exportInput)
    .query(({ ctx, input }) => exportShiftsCsv(ctx.svc, input, new Date())),
  checkIn: recorders
    .input(manualAttendanceInput)
    .mutation(({ ctx, input }) => manualAttendance(ctx.svc, input, new Date())),
  excuse: recorders
    .input(excuseInput)
    .mutation(({ ctx, input }) => excuseAbsence(ctx.svc, input, new Date())),
});
