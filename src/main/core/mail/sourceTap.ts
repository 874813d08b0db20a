import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { headerValue, multipartBoundary, scanHeaderLines, splitHead } from './headers';

const BUFFER_SLICE = 64 * 1024;
const DETECT_LIMIT = 64 * 1024;

/**
 * Reads the raw source once, feeding the MIME parser with backpressure while hashing every
 * byte and keeping the first bytes for the fallback header scan. The hash covers the whole
 * source even after the parser gave up, so a broken message keeps a stable id.
 */
export class SourceTap {
  size = 0;
  complete = false;
  sourceError: string | null = null;
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headBytes = 0;
  private bareCr: boolean | null = null;
  private heldCr = false;
  private undecided: Buffer[] = [];
  private undecidedBytes = 0;
  private undecidedEndsWithCr = false;
  private detach: () => void = () => undefined;
  /** Whether the top-level multipart's closing delimiter was seen: a missing one means truncation. */
  private closing: 'undetermined' | 'not-multipart' | 'open' | 'closed' = 'undetermined';
  private delimiter: Buffer = Buffer.alloc(0);
  private scanTail: Buffer = Buffer.alloc(0);

  constructor(private readonly headLimit: number) {}

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  /** True when the top-level multipart never closed: the message was cut short. */
  get truncatedMultipart(): boolean {
    return this.closing === 'open';
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }

  /** Stops reading the caller's stream (after a timeout); the stream itself is left alone. */
  abandon(): void {
    this.detach();
  }

  async feed(source: Readable | Buffer, parser: Writable, signal: AbortSignal): Promise<void> {
    if (Buffer.isBuffer(source)) {
      for (let start = 0; start < source.length; start += BUFFER_SLICE) {
        await this.take(source.subarray(start, start + BUFFER_SLICE), parser, signal);
      }
      this.complete = true;
    } else {
      await this.readStream(source, parser, signal);
    }
    if (!signal.aborted) {
      if (this.undecided.length > 0) parser.write(Buffer.concat(this.undecided));
      if (this.heldCr) parser.write(Buffer.from('\r\n'));
      parser.end();
    }
  }

  private readStream(source: Readable, parser: Writable, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      let busy: Promise<void> = Promise.resolve();
      let attached = true;
      const onData = (chunk: Buffer | string): void => {
        source.pause();
        busy = busy
          .then(() => this.take(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk), parser, signal))
          .finally(() => {
            if (attached) source.resume();
          });
      };
      const finish = (): void => {
        this.detach();
        void busy.finally(resolve);
      };
      const onEnd = (): void => {
        this.complete = true;
        finish();
      };
      const onError = (err: Error): void => {
        this.sourceError = err.message;
        finish();
      };
      this.detach = () => {
        attached = false;
        source.off('data', onData);
        source.off('end', onEnd);
        source.off('error', onError);
        source.off('close', onClose);
        this.detach = () => undefined;
      };
      const onClose = (): void => {
        if (!this.complete && this.sourceError === null) this.sourceError = 'stream closed before its end';
        finish();
      };
      source.on('data', onData);
      source.once('end', onEnd);
      source.once('error', onError);
      source.once('close', onClose);
      if (source.readableEnded) onEnd();
    });
  }

  private async take(chunk: Buffer, parser: Writable, signal: AbortSignal): Promise<void> {
    this.hash.update(chunk);
    this.size += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const part = chunk.subarray(0, this.headLimit - this.headBytes);
      this.headChunks.push(Buffer.from(part));
      this.headBytes += part.length;
      rest = chunk.subarray(part.length);
    }
    this.watchClosingDelimiter(chunk, rest);
    if (signal.aborted) return;
    const data = this.normaliseLineEnds(chunk);
    if (data.length === 0) return;
    let accepted: boolean;
    try {
      accepted = parser.write(data);
    } catch {
      return;
    }
    if (!accepted) await once(parser, 'drain', { signal }).catch(() => undefined);
  }

  private watchClosingDelimiter(chunk: Buffer, beyondHead: Buffer): void {
    let unseen = chunk;
    if (this.closing === 'undetermined') {
      unseen = beyondHead;
      const head = this.head();
      const { header, body } = splitHead(head);
      if (body === null) {
        if (this.headBytes >= this.headLimit) this.closing = 'not-multipart'; // header too long to tell
        return;
      }
      const boundary = multipartBoundary(headerValue(scanHeaderLines(Buffer.from(header, 'latin1')), 'content-type'));
      if (boundary === null) {
        this.closing = 'not-multipart';
        return;
      }
      this.delimiter = Buffer.from(`--${boundary}--`, 'latin1');
      this.closing = body.includes(this.delimiter) ? 'closed' : 'open';
      this.scanTail = body.subarray(Math.max(0, body.length - this.delimiter.length + 1));
    }
    if (this.closing !== 'open' || unseen.length === 0) return;
    const window = Buffer.concat([this.scanTail, unseen]);
    if (window.includes(this.delimiter)) this.closing = 'closed';
    else this.scanTail = Buffer.from(window.subarray(Math.max(0, window.length - this.delimiter.length + 1)));
  }

  /**
   * A message written with bare CR line endings (old Mac mailers) is one long line to the
   * MIME parser. When the first line ends with a bare CR, every bare CR becomes CRLF; the
   * hash still sees the original bytes.
   */
  private normaliseLineEnds(input: Buffer): Buffer {
    let chunk = input;
    if (this.bareCr === null) {
      // Undecided until the first line ending is seen; hold bytes back meanwhile (bounded).
      this.undecided.push(input);
      this.undecidedBytes += input.length;
      const cr = input.indexOf(0x0d);
      const lf = input.indexOf(0x0a);
      if (this.undecidedEndsWithCr && input.length > 0) this.bareCr = input[0] !== 0x0a;
      else if (lf >= 0 && (cr < 0 || lf < cr)) this.bareCr = false;
      else if (cr >= 0 && cr + 1 < input.length) this.bareCr = input[cr + 1] !== 0x0a;
      else if (this.undecidedBytes >= DETECT_LIMIT) this.bareCr = false;
      else {
        this.undecidedEndsWithCr = cr >= 0;
        return Buffer.alloc(0);
      }
      chunk = Buffer.concat(this.undecided);
      this.undecided = [];
    }
    if (!this.bareCr) return chunk;
    const out: number[] = [];
    let i = 0;
    if (this.heldCr) {
      out.push(0x0d, 0x0a);
      if (chunk[0] === 0x0a) i = 1;
      this.heldCr = false;
    }
    for (; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte !== 0x0d) {
        out.push(byte);
        continue;
      }
      if (i + 1 === chunk.length) {
        this.heldCr = true;
        break;
      }
      out.push(0x0d, 0x0a);
      if (chunk[i + 1] === 0x0a) i++;
    }
    return Buffer.from(out);
  }
}
