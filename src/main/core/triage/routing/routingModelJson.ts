import { z } from 'zod';
import type { FeatureCounts, RoutingModel } from './routingModel';

// The learned part of the routing model as plain JSON for the store; the seed is code and is not saved.

/** Bump when the tokenizer or the counting changes: older saved counts would no longer match the features. */
export const routingModelVersion = 1;

const Counts = z.tuple([z.number().nonnegative(), z.number().nonnegative()]);

export const RoutingModelJson = z.object({
  version: z.literal(routingModelVersion),
  mails: Counts,
  examplesLearned: z.number().int().nonnegative(),
  lastLearnedAt: z.string().nullable(),
  features: z.record(z.string(), Counts),
});
export type RoutingModelJson = z.infer<typeof RoutingModelJson>;

export function serializeRoutingModel(model: RoutingModel): RoutingModelJson {
  const features: Record<string, [number, number]> = {};
  for (const feature of [...model.features.keys()].sort()) {
    const counts = model.features.get(feature);
    if (counts !== undefined) features[feature] = [counts[0], counts[1]];
  }
  return {
    version: routingModelVersion,
    mails: [model.mails[0], model.mails[1]],
    examplesLearned: model.examplesLearned,
    lastLearnedAt: model.lastLearnedAt,
    features,
  };
}

/** Null when the saved model is unreadable or from another version: rebuild it from the stored examples. */
export function loadRoutingModel(saved: unknown): RoutingModel | null {
  const parsed = RoutingModelJson.safeParse(typeof saved === 'string' ? parseJson(saved) : saved);
  if (!parsed.success) return null;
  const features = new Map<string, FeatureCounts>(Object.entries(parsed.data.features));
  return {
    version: 1,
    features,
    mails: parsed.data.mails,
    examplesLearned: parsed.data.examplesLearned,
    lastLearnedAt: parsed.data.lastLearnedAt,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
