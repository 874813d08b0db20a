import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMessage } from './core/mail/parse';
import { readForm } from './core/triage/readForm';
import { classifyRouting, createRoutingModel } from './core/triage/routing';

// `npm run --silent cli -- classify <file.eml>` and `… fields <file.eml>`: core's triage
// rules on one mail, as JSON on stdout.

const USAGE = 'usage: npm run --silent cli -- classify <file.eml> | fields <file.eml>';

async function readMail(path: string) {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  const attachmentDir = mkdtempSync(join(tmpdir(), 'gx-cli-'));
  try {
    return (await parseMessage(raw, { serviceId: 'cli', folder: 'inbox', attachmentDir })).message;
  } finally {
    rmSync(attachmentDir, { recursive: true, force: true });
  }
}

export async function runCli(argv: readonly string[]): Promise<{ code: number; out: string }> {
  const [command, file] = argv;
  if ((command !== 'classify' && command !== 'fields') || !file) return { code: 2, out: USAGE };
  const message = await readMail(file);
  const form = readForm(message.text, message.html);
  if (command === 'fields') return { code: 0, out: JSON.stringify(form) };
  const result = classifyRouting(createRoutingModel(), { subject: message.subject, text: message.text, formFields: form.fields as Record<string, string> });
  return { code: 0, out: JSON.stringify({ service: result.label, confidence: Number(result.confidence.toFixed(3)), evidence: result.evidence }) };
}

const isMain = process.argv[1]?.endsWith('cli.ts') || process.argv[1]?.endsWith('cli.js');
if (isMain) {
  runCli(process.argv.slice(2)).then(
    ({ code, out }) => {
      (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
      process.exit(code);
    },
    (error: unknown) => {
      process.stderr.write(`guichet cli: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
