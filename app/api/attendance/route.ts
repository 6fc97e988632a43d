import { attendanceApiInput } from "@/lib/schemas/shifts";
import { apiKeyContext, handle, readJson } from "@/server/api/http";
import { deviceAttendance } from "@/server/services/shifts/manage";

/**
 * POST /api/attendance — a device or gateway (NFC reader, kiosk) reports a guard's check-in or
 * check-out. Auth: `Authorization: Bearer <API key>`. 201 with the attendance's id, the
 * geofence verdict and any findings raised; errors name the field.
 */
export function POST(req: Request) {
  return handle(req, async () => {
    const ctx = await apiKeyContext(req);
    const body = await readJson(req, attendanceApiInput);
    const now = new Date();
    const result = await deviceAttendance(ctx, body, now);
    return Response.json(result, { status: 201 });
  });
}
