import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { parseMessage } from '../../../src/main/core/mail/parse';

// Child process for the memory test: parses one message file from a stream and prints peak
// RSS growth as JSON. Usage: node --expose-gc --import tsx measureParse.ts <eml> <attachmentDir>

const [emlPath, attachmentDir] = process.argv.slice(2);
if (!emlPath || !attachmentDir) throw new Error('usage: measureParse.ts <eml> <attachmentDir>');

function statusKb(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // Linux: resets VmHWM to the current RSS
    return true;
  } catch {
    return false;
  }
}

// Warm up: load every module and JIT the hot paths on a small message first.
await parseMessage(Buffer.from('Subject: warm-up\r\n\r\nhello\r\n'), { serviceId: 'm', folder: 'inbox', attachmentDir });
(globalThis as { gc?: () => void }).gc?.();

const baselineRss = process.memoryUsage().rss;
const hwmReset = resetPeak();
let sampledPeak = baselineRss;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 5);

const result = await parseMessage(createReadStream(emlPath), { serviceId: 'm', folder: 'inbox', attachmentDir });

clearInterval(sampler);
sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
const hwm = hwmReset ? statusKb('VmHWM') : null;
const peakRss = Math.max(sampledPeak, hwm ?? 0);
process.stdout.write(
  JSON.stringify({
    baselineRss,
    peakRss,
    peakGrowth: peakRss - baselineRss,
    peakFrom: hwm !== null ? 'VmHWM after clear_refs, and 5 ms samples' : '5 ms samples',
    incomplete: result.message.incomplete,
    problems: result.problems,
    attachments: result.attachments.map((a) => ({ filename: a.filename, path: a.path, size: a.size, sha256: a.sha256 })),
    sourceSize: result.sourceSize,
  }) + '\n',
);
