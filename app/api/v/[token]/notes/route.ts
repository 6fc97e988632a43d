import { noteInput } from "@/lib/schemas/vendors";
import { handle, readJson } from "@/server/api/http";
import { portalAccess } from "@/server/api/portal";
import { portalNote } from "@/server/services/vendors/portal";

/** POST /api/v/<token>/notes {note} — a note on the work order's timeline. */
export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  return handle(req, async () => {
    const now = new Date();
    const access = await portalAccess(req, (await params).token, now);
    const { note } = await readJson(req, noteInput);
    await portalNote(access, note, now);
    return Response.json({ ok: true }, { status: 201 });
  });
}
