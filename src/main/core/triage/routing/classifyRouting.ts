import { type RoutingInput, type RoutingLabel, type RoutingModel, routingFeatures, seedFeatures, seedMails } from './routingModel';

// Naive Bayes over the distinct features of a mail: seed pseudo-counts plus learned counts, normalised per mail.

export interface RoutingEvidence {
  word: string;
  /** How much this word moved the decision, in log-odds (always positive). */
  weight: number;
  favours: RoutingLabel;
}

export interface RoutingResult {
  label: RoutingLabel;
  /** Probability of `label`, 0.5 when nothing in the mail is known. */
  confidence: number;
  evidence: RoutingEvidence[];
}

/** Additive smoothing: a feature seen once in one label only is worth log(2), not infinity. */
const smoothing = 1;
/** Naive Bayes overcounts correlated words; this damps the log-odds before they become a probability. */
const temperature = 0.5;
const evidenceShown = 8;

export function classifyRouting(model: RoutingModel, input: RoutingInput): RoutingResult {
  const technicalMails = seedMails + model.mails[0];
  const consumerMails = seedMails + model.mails[1];
  let score = 0;
  const contributions: RoutingEvidence[] = [];
  for (const [feature, surface] of routingFeatures(input).surfaces) {
    const seed = seedFeatures.get(feature);
    const learned = model.features.get(feature);
    let logOdds: number;
    if (seed !== undefined) {
      logOdds = logOddsOf(seed[0] + (learned?.[0] ?? 0), technicalMails, seed[1] + (learned?.[1] ?? 0), consumerMails);
    } else if (learned !== undefined) {
      // Only the team's mails ever read this word: the seed's pseudo-mails are no evidence that a
      // label lacks it. Counted against learned mails alone, one acknowledged mail no longer turns
      // the words it shares with every other mail (a form's labels, "mon fils") into strong
      // evidence for its label.
      logOdds = logOddsOf(learned[0], model.mails[0], learned[1], model.mails[1]);
    } else {
      continue; // a word never seen with either label says nothing; skipping it avoids a bias toward the rarer label
    }
    score += logOdds;
    if (logOdds !== 0) {
      contributions.push({ word: surface, weight: Math.abs(logOdds), favours: logOdds > 0 ? 'technical' : 'consumer' });
    }
  }
  const label: RoutingLabel = score >= 0 ? 'technical' : 'consumer';
  const technicalProbability = 1 / (1 + Math.exp(-score * temperature));
  const evidence = contributions
    .filter((item) => item.favours === label)
    .sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
    .slice(0, evidenceShown)
    .map((item) => ({ ...item, weight: round(item.weight) }));
  return { label, confidence: label === 'technical' ? technicalProbability : 1 - technicalProbability, evidence };
}

/** Log of P(feature | technical) / P(feature | consumer), each smoothed over its label's mails. */
function logOddsOf(technical: number, technicalMails: number, consumer: number, consumerMails: number): number {
  return Math.log((technical + smoothing) / (technicalMails + 2 * smoothing)) - Math.log((consumer + smoothing) / (consumerMails + 2 * smoothing));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
