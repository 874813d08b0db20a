// `npm run bench -- NAME [NAME…]`: runs bench/NAME.ts, each in its own process.
// Each benchmark prints a table, then a JSON object as its last line. No name: all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here).filter((n) => n.endsWith('.ts') && n !== 'run.ts' && !n.startsWith('_')).map((n) => n.slice(0, -3)).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : available;

let failed = 0;
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`No benchmark "${name}". Available: ${available.join(', ')}`);
    failed++;
    continue;
  }
  console.log(`\n### bench ${name}`);
  const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [file], { stdio: 'inherit', cwd: join(here, '..') });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
