// `npm test`: system packages, typecheck, lint, unit + integration (vitest),
// build, end-to-end (Playwright in Chromium); ends with one line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const reports = mkdtempSync(join(tmpdir(), 'guichet-test-'));

function step(title, fn) {
  const started = Date.now();
  console.log(`\n=== ${title} ===`);
  fn();
  console.log(`=== ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
}

/** A check that is one test: typecheck, lint, build. */
function check(title, command, args) {
  step(title, () => {
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (result.status === 0) totals.passed++;
    else {
      totals.failed++;
      failures.push(title);
    }
  });
}

/** Dovecot or Postfix processes started by the test harness (their config lives in a gx-XXXXXX dir). */
function harnessDaemons() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (/^State:\s+Z/m.test(status)) continue; // a zombie is already dead
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (/(dovecot|postfix|master)/.test(cmdline) && /\/gx-[A-Za-z0-9]{6}\//.test(cmdline)) found.push(`${pid} ${cmdline.trim()}`);
    } catch {}
  }
  return found;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

if (!ensureSystemDeps()) {
  totals.failed++;
  failures.push('system packages');
} else {
  check('typecheck', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit', '--composite', 'false']);
  check('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit', '--composite', 'false']);
  check('typecheck (renderer tests)', bin('tsc'), ['-p', 'tsconfig.renderer-tests.json', '--noEmit', '--composite', 'false']);
  check('lint', bin('eslint'), ['--max-warnings', '0', '.']);

  step('unit + integration (vitest)', () => {
    const out = join(reports, 'vitest.json');
    const result = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { cwd: root, stdio: 'inherit' });
    const report = readJson(out);
    if (!report) {
      totals.failed++;
      failures.push(`vitest (exit ${result.status}, no report)`);
      return;
    }
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    // A file that fails to load has no test counted: count it as a failure.
    const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
    totals.failed += brokenFiles.length;
    if (report.numFailedTests + brokenFiles.length > 0) failures.push('vitest');
  });

  step('no mail-server process left behind', () => {
    const leftovers = harnessDaemons();
    if (leftovers.length === 0) totals.passed++;
    else {
      totals.failed++;
      failures.push(`harness daemons still running: ${leftovers.join('; ')}`);
    }
  });

  step('build', () => {
    try {
      buildIfNeeded(root);
      totals.passed++;
    } catch (error) {
      totals.failed++;
      failures.push(`build: ${error.message}`);
    }
  });

  step('end-to-end (Playwright, Chromium)', () => {
    const out = join(reports, 'playwright.json');
    const result = spawnSync(bin('playwright'), ['test'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    });
    const report = readJson(out);
    if (!report?.stats) {
      totals.failed++;
      failures.push(`playwright (exit ${result.status}, no report)`);
      return;
    }
    totals.passed += report.stats.expected + (report.stats.flaky ?? 0);
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
    if (report.stats.unexpected > 0) failures.push('playwright');
  });
}

rmSync(reports, { recursive: true, force: true });
if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
