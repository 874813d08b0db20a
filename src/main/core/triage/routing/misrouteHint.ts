import type { RoutingEvidence, RoutingResult } from './classifyRouting';
import type { RoutingLabel } from './routingModel';

// A "probably misrouted" hint for a ticket card: only when the content clearly belongs to the other service.

export interface MisrouteHint {
  suggested: RoutingLabel;
  confidence: number;
  evidence: RoutingEvidence[];
}

export const defaultMisrouteThreshold = 0.75;

export function misrouteHint(
  result: RoutingResult,
  receivingKind: RoutingLabel | 'other',
  threshold: number = defaultMisrouteThreshold,
): MisrouteHint | null {
  if (result.label === receivingKind || result.confidence < threshold) return null;
  return { suggested: result.label, confidence: result.confidence, evidence: result.evidence };
}
