import type { MailMessage } from '../../../shared/domain';
import { StringPool } from '../stringPool';
import { readForm, type FormReading } from '../triage/readForm';
import { asPackedRouting, classifyRouting, EVIDENCE_LEFT_OUT, packRouting, type PackedRouting, type RoutingEvidence, type RoutingModel } from '../triage/routing';

// Per-message triage results, kept by service and message id with a fingerprint of what they are
// read from (the text arrives after the metadata). Routing depends on the model too. The store's
// analysis cache spares a cold start from reading every mail again; it holds the very objects the
// analyzer works with (one per message, not a memo and a cache entry).

export interface MessageAnalysis {
  form: FormReading;
  /** Kept for every message: packed (triage/routing/packedRouting.ts); misrouteHint unpacks it. */
  routing: PackedRouting;
}

/** One message's analysis as the cache stores it (JSON): `model` names the model `routing` came from. */
export interface AnalysisEntry {
  fp: string;
  form: FormReading;
  model: string | null;
  routing: PackedRouting | null;
}

/**
 * Where analyses are kept (store.analysis, which also survives a restart; an in-memory map
 * otherwise). get() may return what an earlier start saved, plain JSON of any earlier shape.
 */
export interface AnalysisCache {
  get(serviceId: string, id: string): object | undefined;
  /** Holds the entry and saves it. */
  set(serviceId: string, id: string, entry: AnalysisEntry): void;
  /** Holds the entry in place of the one get() gave, whose saved form it already is: nothing to save. */
  keep(serviceId: string, id: string, entry: AnalysisEntry): void;
}

/** Analyses held in memory only (the demo, the CLI, tests). */
export class MemoryAnalysisCache implements AnalysisCache {
  private readonly services = new Map<string, Map<string, AnalysisEntry>>();
  get(serviceId: string, id: string): AnalysisEntry | undefined {
    return this.services.get(serviceId)?.get(id);
  }
  set(serviceId: string, id: string, entry: AnalysisEntry): void {
    let entries = this.services.get(serviceId);
    if (!entries) this.services.set(serviceId, (entries = new Map()));
    entries.set(id, entry);
  }
  keep(serviceId: string, id: string, entry: AnalysisEntry): void {
    this.set(serviceId, id, entry);
  }
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

const SEEN = Symbol('the record last seen with this content');

/**
 * An entry as the analyzer holds it: the cache's entry plus the record last seen with this content
 * (the same object again needs no fingerprint). A symbol key: JSON (the cache's file) leaves it out.
 */
class HeldAnalysis implements AnalysisEntry {
  [SEEN]: MailMessage;
  constructor(
    public fp: string,
    public form: FormReading,
    public model: string | null,
    public routing: PackedRouting | null,
    seen: MailMessage,
  ) {
    this[SEEN] = seen;
  }
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
  private readonly strings = new StringPool();
  /** The last fingerprint computed (form() right after a miss in known() asks for it again). */
  private lastFingerprint: { message: MailMessage; fp: string } | null = null;
  private model: RoutingModel;
  private modelKey_: string;
  private readonly cache: AnalysisCache;
  private readonly kindOf: ((serviceId: string) => string | undefined) | null;

  /**
   * `modelKey` names the model stably across restarts (persisted routing results are tied to it).
   * `kindOf` gives a service's kind: a mail whose routing agrees with its own service's kind keeps
   * no evidence words (see leaveOutEvidence).
   */
  constructor(model: RoutingModel, options: { cache?: AnalysisCache | null; modelKey?: string; kindOf?: (serviceId: string) => string | undefined } = {}) {
    this.model = model;
    this.cache = options.cache ?? new MemoryAnalysisCache();
    this.modelKey_ = options.modelKey ?? 'initial';
    this.kindOf = options.kindOf ?? null;
  }

  /**
   * A mail in the service its content belongs to shows no misroute hint, so its evidence words
   * (a string per mail: 5.5 MB of the host's heap at 50,000 messages) are left out. A hint that
   * needs them later (the ticket moved to the other service) reads them again: evidence().
   * Changes the routing object in place (one read back from the cache included).
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

  /** A new model (after a transfer or a correction) invalidates routing results only: entries name their model. */
  setModel(model: RoutingModel, modelKey?: string): void {
    this.model = model;
    this.modelKey_ = modelKey ?? `${this.modelKey_}+`;
  }

  private fingerprint(message: MailMessage): string {
    if (this.lastFingerprint?.message === message) return this.lastFingerprint.fp;
    const fp = analysisFingerprint(message);
    this.lastFingerprint = { message, fp };
    return fp;
  }

  /** The entry for this message's current content, held or saved by an earlier start; no reading. */
  private known(message: MailMessage): HeldAnalysis | undefined {
    const entry = this.cache.get(message.serviceId, message.id);
    if (entry === undefined) return undefined;
    if (entry instanceof HeldAnalysis) {
      // Records are replaced, never mutated: the record an entry was checked against still matches.
      if (entry[SEEN] === message) return entry;
      if (entry.fp !== this.fingerprint(message)) return undefined;
      entry[SEEN] = message;
      return entry;
    }
    return this.restore(entry as Record<string, unknown>, message);
  }

  /**
   * An entry an earlier start saved, held from now on if it is for this content. Its saved shape is
   * flat ({fp, form, model, routing}); entries saved before 2026-11-23 had `routing: {model,
   * result}`, and earlier ones unpacked evidence: those are saved again in today's shape, once.
   */
  private restore(saved: Record<string, unknown>, message: MailMessage): HeldAnalysis | undefined {
    const fp = this.fingerprint(message);
    if (saved.fp !== fp || !isFormReading(saved.form)) return undefined;
    const flat = 'model' in saved;
    const older = flat ? null : (saved.routing as { model?: unknown; result?: unknown } | null);
    const model = flat ? saved.model : older?.model;
    const result = flat ? saved.routing : older?.result;
    const packed = model === this.modelKey_ ? asPackedRouting(result) : null;
    const routing = packed === null ? null : this.leaveOutEvidence(message, packed);
    const form = this.shareStrings(saved.form);
    // The saved fingerprint string (the same value): one copy per message, not two.
    const held = new HeldAnalysis(saved.fp, form, routing ? this.modelKey_ : null, routing, message);
    if (flat && routing === result) this.cache.keep(message.serviceId, message.id, held);
    else this.cache.set(message.serviceId, message.id, held);
    return held;
  }

  /** The form reading if it is known without reading the mail. */
  peekForm(message: MailMessage): FormReading | undefined {
    return this.known(message)?.form;
  }

  /**
   * JSON.parse gives each of 50,000 cache entries its own copy of a few strings that take a
   * handful of values (language, form name, missing fields): one copy each is kept. The saved
   * form is changed in place, to equal values.
   */
  private shareStrings(form: FormReading): FormReading {
    const f = shareEmpties(form) as { -readonly [K in keyof FormReading]: FormReading[K] };
    f.lang = this.strings.intern(f.lang);
    if (f.form !== null) f.form = this.strings.intern(f.form);
    for (let i = 0; i < f.missing.length; i++) (f.missing as string[])[i] = this.strings.intern(f.missing[i] as string);
    return form;
  }

  /** The full analysis if it is known without any work. */
  peek(message: MailMessage): MessageAnalysis | undefined {
    const entry = this.known(message);
    return entry?.routing && entry.model === this.modelKey_ ? { form: entry.form, routing: entry.routing } : undefined;
  }

  /** The entry for the message's content, its form read if needed (no routing). */
  private entry(message: MailMessage): HeldAnalysis {
    const known = this.known(message);
    if (known) return known;
    const entry = new HeldAnalysis(this.fingerprint(message), shareEmpties(readForm(message.text, message.html)), null, null, message);
    this.cache.set(message.serviceId, message.id, entry);
    return entry;
  }

  /** The form reading, reading the mail if needed (no routing). */
  form(message: MailMessage): FormReading {
    return this.entry(message).form;
  }

  analyse(message: MailMessage): MessageAnalysis {
    const entry = this.entry(message);
    if (entry.routing === null || entry.model !== this.modelKey_) {
      const result = classifyRouting(this.model, { subject: message.subject, text: message.text, formFields: entry.form.fields as Record<string, string> });
      entry.routing = this.leaveOutEvidence(message, packRouting(result));
      entry.model = this.modelKey_;
      this.cache.set(message.serviceId, message.id, entry);
    }
    return { form: entry.form, routing: entry.routing };
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
