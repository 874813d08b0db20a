import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MailParser } from 'mailparser';
import type { AttachmentStream, MessageText } from 'mailparser';
import type { MailFolder, MailMessage } from '../../../shared/domain';
import { saveAttachment } from './attachments';
import type { SavedAttachment } from './attachments';
import { headerValue, multipartBoundary, readEnvelope, scanHeaderLines, splitHead } from './headers';
import type { RawHeaderLine } from './headers';
import { MAX_HTML_CHARS, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS, clip, cleanBodyText, rawBodyText, stripHtmlTags } from './plainText';
import { simplePlainText } from './simpleText';
import { SourceTap } from './sourceTap';

export type { SavedAttachment } from './attachments';

export interface ParseOptions {
  serviceId: string;
  folder: MailFolder;
  /** Where attachments are written; created on the first attachment. */
  attachmentDir: string;
  /** IMAP INTERNALDATE; falls back to the Date header, then to the epoch. */
  internalDate?: Date;
  keywords?: string[];
  /** Gives up on a parse (and on a source that stops sending) after this long. Default 120 s. */
  timeoutMs?: number;
  /** Read even a simple text/plain message through mailparser (tests compare the two paths). */
  mailparserOnly?: boolean;
}

export interface ParsedMessage {
  message: MailMessage;
  /** Files written to attachmentDir, in the order of message.attachments. */
  attachments: SavedAttachment[];
  /** sha256 (hex) of every source byte read; the whole source unless sourceComplete is false. */
  sourceSha256: string;
  sourceSize: number;
  sourceComplete: boolean;
  textClipped: boolean;
  htmlClipped: boolean;
  /** Why the message is incomplete, for logs and the UI's "could not be read" note. */
  problems: string[];
}

export const UNREADABLE_SUBJECT = '(unreadable message)';
const DEFAULT_TIMEOUT_MS = 120_000;
const HEAD_CAPTURE_BYTES = 256 * 1024;
// A 2 MB header line from a real mailer still parses; a larger head is refused, not buffered.
const MAX_HEAD_BYTES = 4 * 1024 * 1024;
// html-to-text is costly on large documents; past this the tag stripper takes over.
const MAX_HTML_TO_CONVERT = 2 * 1024 * 1024;
const SHORT_HASH_CHARS = 16;

/** Key of a message: the same bytes give the same id in every folder and after UIDVALIDITY changes. */
export function stableMessageId(messageId: string | null | undefined, sha: string): string {
  const bare = (messageId ?? '').trim().replace(/^<|>$/g, '');
  return `${bare}#${sha.slice(0, SHORT_HASH_CHARS).toLowerCase()}`;
}

interface MimeOutcome {
  headerLines: RawHeaderLine[] | null;
  body: MessageText | null;
  attachments: SavedAttachment[];
  problems: string[];
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Parses one raw message for triage. Never throws: broken input comes back with
 * `incomplete: true` and whatever could be read. The source stays the caller's to keep.
 */
export async function parseMessage(source: Readable | Buffer, opts: ParseOptions): Promise<ParsedMessage> {
  if (Buffer.isBuffer(source) && opts.mailparserOnly !== true) {
    const simple = simplePlainText(source);
    if (simple) return assemble({ headerLines: simple.headerLines, body: { type: 'text', text: simple.text } as MessageText, attachments: [], problems: [] }, wholeSource(source), opts);
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tap = new SourceTap(HEAD_CAPTURE_BYTES);
  const parser = new MailParser({
    maxHeadSize: MAX_HEAD_BYTES,
    maxHtmlLengthToParse: MAX_HTML_TO_CONVERT,
    checksumAlgo: false,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
  });
  const outcome: MimeOutcome = { headerLines: null, body: null, attachments: [], problems: [] };
  const saves: Array<ReturnType<typeof saveAttachment>> = [];
  let parserFailed = false;
  const stopFeeding = new AbortController();

  const mimeDone = new Promise<void>((resolve) => {
    const fail = (err: unknown): void => {
      if (parserFailed) return;
      parserFailed = true;
      stopFeeding.abort();
      outcome.problems.push(`MIME: ${errorText(err)}`);
      for (const save of saves) save.abort();
      resolve();
    };
    parser.on('headerLines', (lines: RawHeaderLine[]) => {
      outcome.headerLines = [...lines];
    });
    parser.on('data', (item: AttachmentStream | MessageText) => {
      if (item.type === 'text') {
        outcome.body = item;
        return;
      }
      const save = saveAttachment(item.content, {
        dir: opts.attachmentDir,
        name: item.filename ?? null,
        contentType: item.contentType,
        contentId: item.cid ?? null,
      });
      saves.push(save);
      void save.done.then(() => item.release?.());
    });
    parser.on('error', fail);
    parser.on('end', resolve);
  });

  const feeding = tap.feed(source, parser, stopFeeding.signal);
  feeding.catch(() => undefined); // after a timeout nobody awaits it any more
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([Promise.all([feeding, mimeDone]), timedOut]);
    if (result === 'timeout') {
      outcome.problems.push(`gave up after ${timeoutMs} ms`);
      parserFailed = true;
      stopFeeding.abort();
      tap.abandon();
      for (const save of saves) save.abort();
      parser.destroy();
    }
  } catch (err) {
    outcome.problems.push(`parse: ${errorText(err)}`);
  } finally {
    clearTimeout(timer);
  }
  if (tap.sourceError) outcome.problems.push(`source: ${tap.sourceError}`);
  for (const save of saves) {
    const saved = await save.done;
    if (saved.writeError) outcome.problems.push(`attachment ${saved.filename}: ${saved.writeError}`);
    outcome.attachments.push(saved);
  }
  return assemble(outcome, tap, opts);
}

/** What assemble reads of the source: its tap, or, for a source read whole, the same facts. */
type SourceReading = Pick<SourceTap, 'digest' | 'head' | 'complete' | 'truncatedMultipart' | 'size'>;

function wholeSource(source: Buffer): SourceReading {
  return {
    digest: () => createHash('sha256').update(source).digest('hex'),
    head: () => source.subarray(0, HEAD_CAPTURE_BYTES),
    complete: true,
    truncatedMultipart: false,
    size: source.length,
  };
}

function assemble(outcome: MimeOutcome, tap: SourceReading, opts: ParseOptions): ParsedMessage {
  const sha = tap.digest();
  const lines = outcome.headerLines ?? scanHeaderLines(tap.head());
  const envelope = readEnvelope(lines);
  const body = outcome.body;

  const problems = [...outcome.problems];
  if (!tap.complete) problems.push('source ended early or could not be read to its end');
  if (tap.truncatedMultipart) problems.push('multipart body ends before its closing boundary (truncated)');
  if (!envelope.subject && !envelope.messageId && !envelope.from.address && !envelope.date) {
    problems.push('no usable header (no Subject, From, Date or Message-ID)');
  }

  const html = clip(body?.html ?? '', MAX_HTML_CHARS);
  let rawText = body?.text ?? '';
  if (!rawText.trim() && html.value) rawText = stripHtmlTags(html.value);
  const multipart = multipartBoundary(headerValue(lines, 'content-type')) !== null || /^\s*multipart\//i.test(headerValue(lines, 'content-type') ?? '');
  if (multipart && outcome.problems.length === 0 && !body?.text && !body?.html && outcome.attachments.length === 0) {
    // Missing or wrong boundary: mailparser finds no part, so show the raw body instead.
    problems.push('multipart body has no readable part');
    rawText = rawBodyText(splitHead(tap.head()).body);
  }
  const text = clip(cleanBodyText(rawText), MAX_TEXT_CHARS);
  const incomplete = problems.length > 0 || outcome.attachments.some((a) => !a.complete);
  const subject = clip(envelope.subject, MAX_SUBJECT_CHARS).value;

  const internal = opts.internalDate && !Number.isNaN(opts.internalDate.getTime()) ? opts.internalDate : null;
  const date = internal ?? envelope.date ?? new Date(0);
  const message: MailMessage = {
    id: stableMessageId(envelope.messageId, sha),
    serviceId: opts.serviceId,
    folder: opts.folder,
    messageId: envelope.messageId,
    inReplyTo: envelope.inReplyTo,
    references: envelope.references,
    subject: subject || (incomplete ? UNREADABLE_SUBJECT : ''),
    from: envelope.from,
    to: envelope.to,
    cc: envelope.cc,
    date: date.toISOString(),
    keywords: [...(opts.keywords ?? [])],
    text: text.value,
    html: body?.html ? html.value : null,
    attachments: outcome.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
    stamp: envelope.stamp,
    resent: envelope.resent,
    incomplete,
  };
  return {
    message,
    attachments: outcome.attachments,
    sourceSha256: sha,
    sourceSize: tap.size,
    sourceComplete: tap.complete,
    textClipped: text.clipped,
    htmlClipped: html.clipped,
    problems,
  };
}
