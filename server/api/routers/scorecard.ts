import "server-only";
import {
  scorecardClientInput,
  scorecardDrillInput,
  scorecardGridInput,
  scorecardKey,
  scorecardTargetInput,
  scorecardTargetKey,
} from "@/lib/schemas/scorecards";
import { drillDown } from "@/server/services/scorecards/drill";
import { generateScorecard } from "@/server/services/scorecards/generate";
import {
  getScorecard,
  listTargets,
  resetTarget,
  scorecardGrid,
  setTarget,
} from "@/server/services/scorecards/queries";
import { requireCapability, router } from "../trpc";

const viewers = requireCapability("scorecard.view");

export const scorecardRouter = router({
  grid: viewers
    .input(scorecardGridInput)
    .query(({ ctx, input }) => scorecardGrid(ctx.svc, input, new Date())),
  get: viewers.input(scorecardKey).query(({ ctx, input }) => getScorecard(ctx.svc, input)),
  drill: viewers.input(scorecardDrillInput).query(({ ctx, input }) => drillDown(ctx.svc, input)),
  targets: viewers
    .input(scorecardClientInput)
    .query(({ ctx, input }) => listTargets(ctx.svc, input)),
  regenerate: requireCapability("scorecard.regenerate")
    .input(scorecardKey)
    .mutation(async ({ ctx, input }) => {
      const { scorecard, created } = await generateScorecard(
        ctx.svc,
        { ...input, regenerate: true },
        new Date(),
      );
      return { id: scorecard.id, version: scorecard.version, created };
    }),
  setTarget: requireCapability("scorecard.targets.manage")
    .input(scorecardTargetInput)
    .mutation(({ ctx, input }) => setTarget(ctx.svc, input)),
  resetTarget: requireCapability("scorecard.targets.manage")
    .input(scorecardTargetKey)
    .mutation(({ ctx, input }) => resetTarget(ctx.svc, input)),
});
