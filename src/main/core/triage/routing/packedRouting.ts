import type { RoutingEvidence, RoutingResult } from './classifyRouting';
import type { RoutingLabel } from './routingModel';

// A routing result as kept for every message in memory and in the analysis cache. As objects,
// the evidence of 50,000 mails (about six words each) took 37 MB of the host's heap; packed into
// one string per mail it takes about 4 MB. It is unpacked only for a misroute hint, which a few
// tickets have. Every evidence word favours the result's label (classifyRouting keeps only those),
// so the label is not repeated per word.

export interface PackedRouting {
  label: RoutingLabel;
  confidence: number;
  /** "word<US>weight<US>word<US>weight…" (US = U+001F, which no word contains). */
  evidence: string;
}

const SEPARATOR = '\u001f';

/**
 * In place of the evidence when it was left out: a mail routed to the service it belongs to shows
 * no hint, so its words are not kept (MessageAnalyzer); they are read again if a hint ever needs them.
 */
export const EVIDENCE_LEFT_OUT = '\u001e';

export function packRouting(result: RoutingResult): PackedRouting {
  const parts: string[] = [];
  for (const item of result.evidence) parts.push(item.word.replaceAll(SEPARATOR, ' '), String(item.weight));
  return { label: internLabel(result.label), confidence: result.confidence, evidence: parts.join(SEPARATOR) };
}

export function unpackEvidence(routing: PackedRouting): RoutingEvidence[] {
  if (routing.evidence === '' || routing.evidence === EVIDENCE_LEFT_OUT) return [];
  const parts = routing.evidence.split(SEPARATOR);
  const evidence: RoutingEvidence[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) evidence.push({ word: parts[i] as string, weight: Number(parts[i + 1]), favours: routing.label });
  return evidence;
}

/** The one string per label (JSON.parse gives every record its own copy). */
export function internLabel(label: RoutingLabel): RoutingLabel {
  return label === 'technical' ? 'technical' : 'consumer';
}

/**
 * A packed result as read back from the cache (that same object), or an older cache entry
 * (evidence as objects) packed into a new one; null if neither.
 */
export function asPackedRouting(value: unknown): PackedRouting | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if ((v.label !== 'technical' && v.label !== 'consumer') || typeof v.confidence !== 'number') return null;
  if (typeof v.evidence === 'string') {
    // The cache's own object, its label made the shared string (the same value).
    v.label = internLabel(v.label);
    return v as unknown as PackedRouting;
  }
  if (!Array.isArray(v.evidence)) return null;
  const evidence: RoutingEvidence[] = [];
  for (const item of v.evidence as unknown[]) {
    const e = item as Record<string, unknown> | null;
    if (typeof e?.word !== 'string' || typeof e.weight !== 'number') return null;
    evidence.push({ word: e.word, weight: e.weight, favours: v.label });
  }
  return packRouting({ label: v.label, confidence: v.confidence, evidence });
}
