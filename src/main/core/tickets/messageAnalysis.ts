import type { MailMessage } from '../../../shared/domain';
import { StringPool } from '../stringPool';
import { readForm, type FormReading } from '../triage/readForm';
import { asPackedRouting, classifyRouting, EVIDENCE_LEFT_OUT, packRouting, type PackedRouting, type RoutingEvidence, type RoutingModel } from '../triage/routing';

// Per-message triage results, memoized by the message's stable id and a fingerprint of what
// they are read from (the text arrives after the metadata). Routing depends on the model too.
// An optional persistent cache (the store's analysis documents) spares a cold start from
// reading every mail again.

export interface MessageAnalysis {
  form: FormReading;
  /** Kept for every message: packed (triage/routing/packedRouting.ts); misrouteHint unpacks it. */
  routing: PackedRouting;
}

/** Where analyses survive a restart (store.analysis); a cache only. */
export interface AnalysisCache {
  get(serviceId: string, id: string): { fp: string; form: unknown; routing: { model: string; result: unknown } | null } | undefined;
  set(serviceId: string, id: string, record: { fp: string; form: unknown; routing: { model: string; result: unknown } | null }): void;
}

/** FNV-1a (32 bits, two seeds) over what the analysis reads: cheap, and enough to notice a change. */
export function analysisFingerprint(message: Pick<MailMessage, 'subject' | 'text' | 'html'>): string {
  // One loop with local state (a closure over `a` and `b` made every character slower); the
  // value must not change: fingerprints are persisted in the store's analysis cache.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  const html = message.html ?? '';
  for (let part = 0; part < 3; part++) {
    const s = part === 0 ? message.subject : part === 1 ? message.text : html;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
  }
  const len = message.subject.length + message.text.length + html.length;
  return `${base36(a >>> 0)}${base36(b >>> 0)}:${base36(len)}`;
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `n.toString(36)` for a whole n >= 0, at a third of its cost (V8 converts through doubles). */
function base36(n: number): string {
  if (n < 36) return DIGITS.charAt(n);
  let text = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 36)) text = DIGITS.charAt(rest % 36) + text;
  return text;
}

interface Memo {
  fp: string;
  form: FormReading;
  routing: PackedRouting | null;
  routingModel: string | null;
  /** The record last seen with this content: the same object again needs no fingerprint. */
  record: MailMessage;
}

function isFormReading(value: unknown): value is FormReading {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v.form === null || typeof v.form === 'string') && typeof v.fields === 'object' && v.fields !== null &&
    Array.isArray(v.missing) && (v.serial === null || typeof v.serial === 'string') && typeof v.lang === 'string';
}

const NO_FIELDS: FormReading['fields'] = Object.freeze({});
const NO_MISSING: FormReading['missing'] = Object.freeze([]) as unknown as FormReading['missing'];

/**
 * Most mails are free text: their readings share one frozen empty `fields` and `missing` instead
 * of an object and an array each (at 50,000 messages about 3 MB of the host's heap). Readings are
 * never changed after readForm; frozen, a change made anyway fails loudly.
 */
function shareEmpties(form: FormReading): FormReading {
  const f = form as { -readonly [K in keyof FormReading]: FormReading[K] };
  if (f.missing.length === 0) f.missing = NO_MISSING;
  if (Object.keys(f.fields).length === 0) f.fields = NO_FIELDS;
  return form;
}

export class MessageAnalyzer {
  private readonly memo = new Map<string, Memo>();
  private readonly strings = new StringPool();
  /** The last fingerprint computed (form() right after a miss in known() asks for it again). */
  private lastFingerprint: { message: MailMessage; fp: string } | null = null;
  private model: RoutingModel;
  private modelKey_: string;
  private readonly cache: AnalysisCache | null;
  private readonly kindOf: ((serviceId: string) => string | undefined) | null;

  /**
   * `modelKey` names the model stably across restarts (persisted routing results are tied to it).
   * `kindOf` gives a service's kind: a mail whose routing agrees with its own service's kind keeps
   * no evidence words (see leaveOutEvidence).
   */
  constructor(model: RoutingModel, options: { cache?: AnalysisCache | null; modelKey?: string; kindOf?: (serviceId: string) => string | undefined } = {}) {
    this.model = model;
    this.cache = options.cache ?? null;
    this.modelKey_ = options.modelKey ?? 'initial';
    this.kindOf = options.kindOf ?? null;
  }

  /**
   * A mail in the service its content belongs to shows no misroute hint, so its evidence words
   * (a string per mail: 5.5 MB of the host's heap at 50,000 messages) are left out. A hint that
   * needs them later (the ticket moved to the other service) reads them again: evidence().
   * Changes the routing object in place (the cache's own, read back from disk, included).
   */
  private leaveOutEvidence(message: MailMessage, routing: PackedRouting): PackedRouting {
    if (routing.evidence !== '' && this.kindOf?.(message.serviceId) === routing.label) (routing as { evidence: string }).evidence = EVIDENCE_LEFT_OUT;
    return routing;
  }

  /** The evidence words of the mail's routing, read again (for a hint whose words were left out). */
  evidence(message: MailMessage): RoutingEvidence[] {
    const form = this.form(message);
    return classifyRouting(this.model, { subject: message.subject, text: message.text, formFields: form.fields as Record<string, string> }).evidence;
  }

  /** Names the routing model the results are for. */
  get modelKey(): string {
    return this.modelKey_;
  }

  /** A new model (after a transfer or a correction) invalidates routing results only. */
  setModel(model: RoutingModel, modelKey?: string): void {
    this.model = model;
    this.modelKey_ = modelKey ?? `${this.modelKey_}+`;
    for (const memo of this.memo.values()) {
      memo.routing = null;
      memo.routingModel = null;
    }
  }

  private fingerprint(message: MailMessage): string {
    if (this.lastFingerprint?.message === message) return this.lastFingerprint.fp;
    const fp = analysisFingerprint(message);
    this.lastFingerprint = { message, fp };
    return fp;
  }

  /** The memo for this message's current content, from memory or the persistent cache; no reading. */
  private known(message: MailMessage): Memo | undefined {
    const memo = this.memo.get(message.id);
    // Records are replaced, never mutated: the record a memo was checked against still matches.
    if (memo?.record === message) return memo;
    const fp = this.fingerprint(message);
    if (memo?.fp === fp) {
      memo.record = message;
      return memo;
    }
    const cached = this.cache?.get(message.serviceId, message.id);
    if (cached?.fp !== fp || !isFormReading(cached.form)) return undefined;
    const packed = cached.routing !== null && cached.routing.model === this.modelKey_ ? asPackedRouting(cached.routing.result) : null;
    const routing = packed === null ? null : this.leaveOutEvidence(message, packed);
    this.shareStrings(cached.form, cached.routing);
    // The cache's own fingerprint string (the same value): one copy per message, not two.
    const restored: Memo = { fp: cached.fp, form: cached.form, routing, routingModel: routing ? this.modelKey_ : null, record: message };
    this.memo.set(message.id, restored);
    // An entry written before routing results were packed: the cache keeps the packed form from now on.
    if (routing !== null && routing !== cached.routing?.result) this.persist(message, restored);
    return restored;
  }

  /** The form reading if it is known without reading the mail (memory or cache). */
  peekForm(message: MailMessage): FormReading | undefined {
    return this.known(message)?.form;
  }

  /**
   * JSON.parse gives each of 50,000 cache entries its own copy of a few strings that take a
   * handful of values (language, form name, missing fields, model key): one copy each is kept.
   * The cache's objects are changed in place, to equal values.
   */
  private shareStrings(form: FormReading, routing: { model: string } | null): void {
    const f = shareEmpties(form) as { -readonly [K in keyof FormReading]: FormReading[K] };
    f.lang = this.strings.intern(f.lang);
    if (f.form !== null) f.form = this.strings.intern(f.form);
    for (let i = 0; i < f.missing.length; i++) (f.missing as string[])[i] = this.strings.intern(f.missing[i] as string);
    if (routing !== null && routing.model === this.modelKey_) routing.model = this.modelKey_;
  }

  /** The full analysis if it is known without any work. */
  peek(message: MailMessage): MessageAnalysis | undefined {
    const memo = this.known(message);
    return memo?.routing ? { form: memo.form, routing: memo.routing } : undefined;
  }

  /** The form reading, reading the mail if needed (no routing). */
  form(message: MailMessage): FormReading {
    const known = this.known(message);
    if (known) return known.form;
    const memo: Memo = { fp: this.fingerprint(message), form: shareEmpties(readForm(message.text, message.html)), routing: null, routingModel: null, record: message };
    this.memo.set(message.id, memo);
    this.persist(message, memo);
    return memo.form;
  }

  analyse(message: MailMessage): MessageAnalysis {
    const form = this.form(message);
    const memo = this.memo.get(message.id) as Memo;
    if (memo.routing === null || memo.routingModel !== this.modelKey_) {
      memo.routing = this.leaveOutEvidence(message, packRouting(classifyRouting(this.model, { subject: message.subject, text: message.text, formFields: form.fields as Record<string, string> })));
      memo.routingModel = this.modelKey_;
      this.persist(message, memo);
    }
    return { form, routing: memo.routing };
  }

  forget(messageId: string): void {
    this.memo.delete(messageId);
  }

  private persist(message: MailMessage, memo: Memo): void {
    this.cache?.set(message.serviceId, message.id, {
      fp: memo.fp,
      form: memo.form,
      routing: memo.routing && memo.routingModel ? { model: memo.routingModel, result: memo.routing } : null,
    });
  }
}

/**
 * Bumped when classifyRouting counts learned examples differently: cached results computed from
 * the same examples by the older rule are then recomputed. (The seed alone is unaffected so far.)
 */
export const ROUTING_CLASSIFIER_REVISION = 2;

/** A stable name for the model learnt from these examples (they only ever grow or roll over). */
export function routingModelKey(examples: ReadonlyArray<{ label: string; subject: string; text: string; source: string; at: string }>): string {
  const last = examples[examples.length - 1];
  if (!last) return 'seed';
  return `${ROUTING_CLASSIFIER_REVISION}/${examples.length}:${analysisFingerprint({ subject: `${last.label}|${last.source}|${last.at}|${last.subject}`, text: last.text, html: null })}`;
}
