import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBigAttachmentMessage } from '../../fixtures/broken-mime/generate';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const MB = 1024 * 1024;
const work = mkdtempSync(path.join(tmpdir(), 'guichet-parse-memory-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface Measurement {
  baselineRss: number;
  peakRss: number;
  peakGrowth: number;
  peakFrom: string;
  incomplete: boolean;
  problems: string[];
  attachments: Array<{ filename: string; path: string; size: number; sha256: string }>;
}

describe('30 MB attachment', () => {
  it('streams to disk: peak RSS growth under 3 × 30 MB, file exact', { timeout: 120_000 }, async () => {
    const generated = await writeBigAttachmentMessage(work, 30 * MB);
    const attachmentDir = path.join(work, 'attachments');
    // A child process, so vitest's own heap does not blur the figure.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(HERE, 'measureParse.ts'), generated.path, attachmentDir],
      { cwd: ROOT, maxBuffer: 1 * MB },
    );
    const measured = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Measurement;
    console.log(
      `30 MB attachment (${(statSync(generated.path).size / MB).toFixed(1)} MB message): peak RSS growth ` +
        `${(measured.peakGrowth / MB).toFixed(1)} MB over a ${(measured.baselineRss / MB).toFixed(1)} MB baseline (${measured.peakFrom})`,
    );
    expect(measured.incomplete).toBe(false);
    expect(measured.problems).toEqual([]);
    expect(measured.peakGrowth).toBeLessThan(3 * 30 * MB);
    expect(measured.attachments).toHaveLength(1);
    const [saved] = measured.attachments;
    expect(saved?.filename).toBe(generated.attachmentName);
    expect(saved?.path).toBe(path.join(attachmentDir, generated.attachmentName));
    expect(statSync(saved?.path ?? '').size).toBe(generated.attachmentSize);
    expect(saved?.size).toBe(generated.attachmentSize);
    expect(saved?.sha256).toBe(generated.attachmentSha256);
    expect(await sha256Of(saved?.path ?? '')).toBe(generated.attachmentSha256);
  });
});
