import type { RoutingEvidence, RoutingResult } from './classifyRouting';
import { unpackEvidence, type PackedRouting } from './packedRouting';
import type { RoutingLabel } from './routingModel';

// A "probably misrouted" hint for a ticket card: only when the content clearly belongs to the other service.

export interface MisrouteHint {
  suggested: RoutingLabel;
  confidence: number;
  evidence: RoutingEvidence[];
}

export const defaultMisrouteThreshold = 0.75;

export function misrouteHint(
  result: RoutingResult | PackedRouting,
  receivingKind: RoutingLabel | 'other',
  threshold: number = defaultMisrouteThreshold,
): MisrouteHint | null {
  if (result.label === receivingKind || result.confidence < threshold) return null;
  const evidence = isPacked(result) ? unpackEvidence(result) : result.evidence;
  return { suggested: result.label, confidence: result.confidence, evidence };
}

function isPacked(result: RoutingResult | PackedRouting): result is PackedRouting {
  return typeof result.evidence === 'string';
}
