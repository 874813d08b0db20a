import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layering rules in eslint.config.js fire on violating files (and stay quiet otherwise).
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    ['src/main/core/sync/bad.ts', "import { app } from 'electron';\nexport const x = app;\n", 'never import electron'],
    ['src/main/core/triage/bad.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'core never imports React'],
    ['src/main/core/bad.ts', "import { x } from '../host/dispatch';\nexport const y = x;\n", 'core depends only on shared'],
    ['src/renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'never imports node:*'],
    ['src/renderer/src/bad.ts', "import { createCore } from '../../main/core/core';\nexport const x = createCore;\n", 'only through the contract'],
    ['src/renderer/src/bad.ts', "import { ImapFlow } from 'imapflow';\nexport const x = ImapFlow;\n", 'only through the contract'],
    ['src/shared/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'shared imports only zod'],
    ['src/shared/bad.ts', "import React from 'react';\nexport const x = React;\n", 'shared imports only zod'],
  ])('%s: refuses a forbidden import', async (filePath, code, message) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ['src/main/core/ok.ts', "import { readFileSync } from 'node:fs';\nimport { z } from 'zod';\nimport { MailMessage } from '../../shared/domain';\nexport const x = [readFileSync, z, MailMessage];\n"],
    ['src/renderer/src/ok.ts', "import { useState } from 'react';\nimport type { QueueCard } from '../../shared/api';\nexport const x = useState;\nexport type Y = QueueCard;\n"],
    ['src/shared/ok.ts', "import { z } from 'zod';\nimport { MailAddress } from './domain';\nexport const x = [z, MailAddress];\n"],
  ])('%s: allows what the layer may import', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
