import "server-only";

/**
 * When a tenant's trained model (alert priority, ticket breach) is trained and used: enough
 * labels of each class in the look-back window, and a hold-out AUC at the bar.
 */
export const MODEL_RULES = {
  minSamples: 200,
  minEachClass: 20,
  minAuc: 0.6,
  lookbackDays: 180,
  maxRows: 20_000,
};
