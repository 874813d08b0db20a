import { stripQuotedHistory } from './quotedHistory';
import { consumerSeed, technicalSeed } from './seedVocabulary';
import { tokenizeRouting } from './tokenizeRouting';

// The routing model: a built-in seed prior plus counts learned from the team's own routing decisions.

export type RoutingLabel = 'technical' | 'consumer';
export type RoutingSource = 'transfer' | 'acknowledged' | 'correction';

export interface RoutingInput {
  subject: string;
  text: string;
  formFields?: Record<string, string>;
}

export interface RoutingExample extends RoutingInput {
  label: RoutingLabel;
  /** transfer: an agent moved it; acknowledged: answered where it landed; correction: an agent fixed a wrong hint. */
  source: RoutingSource;
  at: string;
}

/** [technical, consumer] weighted counts of mails that contained the feature. */
export type FeatureCounts = readonly [number, number];

export interface RoutingModel {
  readonly version: 1;
  /** Learned counts only; the seed prior is built in and never serialized. */
  readonly features: ReadonlyMap<string, FeatureCounts>;
  /** Weighted number of learned mails per label, [technical, consumer]. */
  readonly mails: FeatureCounts;
  readonly examplesLearned: number;
  readonly lastLearnedAt: string | null;
}

/** An agent's explicit correction says more than a silent acknowledgement. */
export const sourceWeight: Readonly<Record<RoutingSource, number>> = { acknowledged: 1, transfer: 1.5, correction: 3 };

/** The seed behaves as if each label had been seen in this many mails. */
export const seedMails = 20;

export interface RoutingFeatures {
  /** Distinct features of one mail with the first surface form seen, for evidence. */
  readonly surfaces: ReadonlyMap<string, string>;
}

export function routingFeatures(input: RoutingInput): RoutingFeatures {
  const fieldValues = Object.values(input.formFields ?? {}).join('\n');
  const text = `${input.subject}\n${stripQuotedHistory(input.text)}\n${fieldValues}`;
  const surfaces = new Map<string, string>();
  for (const token of tokenizeRouting(text)) {
    if (!surfaces.has(token.feature)) surfaces.set(token.feature, token.surface);
  }
  return { surfaces };
}

export const seedFeatures: ReadonlyMap<string, FeatureCounts> = buildSeed();

function buildSeed(): Map<string, FeatureCounts> {
  const seed = new Map<string, [number, number]>();
  const add = (entries: Readonly<Record<string, number>>, slot: 0 | 1): void => {
    for (const [phrase, weight] of Object.entries(entries)) {
      const feature = seedFeature(phrase);
      if (feature === null) continue;
      const counts = seed.get(feature) ?? [0, 0];
      counts[slot] = Math.max(counts[slot], weight);
      seed.set(feature, counts);
    }
  };
  add(technicalSeed, 0);
  add(consumerSeed, 1);
  return seed;
}

/** A single word seeds its stem; a phrase seeds its last adjacent pair. */
function seedFeature(phrase: string): string | null {
  if (phrase.startsWith('#')) return phrase;
  const tokens = tokenizeRouting(phrase);
  const pairs = tokens.filter((token) => token.feature.includes(' '));
  return (pairs.at(-1) ?? tokens.at(-1))?.feature ?? null;
}

export function createRoutingModel(examples: readonly RoutingExample[] = []): RoutingModel {
  const features = new Map<string, FeatureCounts>();
  const mails: [number, number] = [0, 0];
  let lastLearnedAt: string | null = null;
  for (const example of examples) {
    addExample(features, mails, example);
    lastLearnedAt = latest(lastLearnedAt, example.at);
  }
  return { version: 1, features, mails, examplesLearned: examples.length, lastLearnedAt };
}

/** Returns a new model; the given one is left untouched (its feature table is copied, not shared). */
export function learnRouting(model: RoutingModel, example: RoutingExample): RoutingModel {
  const features = new Map(model.features);
  const mails: [number, number] = [model.mails[0], model.mails[1]];
  addExample(features, mails, example);
  return {
    version: 1,
    features,
    mails,
    examplesLearned: model.examplesLearned + 1,
    lastLearnedAt: latest(model.lastLearnedAt, example.at),
  };
}

function addExample(features: Map<string, FeatureCounts>, mails: [number, number], example: RoutingExample): void {
  const slot = example.label === 'technical' ? 0 : 1;
  const weight = sourceWeight[example.source];
  mails[slot] += weight;
  for (const feature of routingFeatures(example).surfaces.keys()) {
    const counts = features.get(feature) ?? [0, 0];
    features.set(feature, slot === 0 ? [counts[0] + weight, counts[1]] : [counts[0], counts[1] + weight]);
  }
}

function latest(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}
