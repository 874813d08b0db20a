import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailMessage } from '../../../shared/domain';
import { GuichetError } from '../errors';
import { parseMessage } from '../mail/parse';

/** Larger attachments would not fit one contract answer comfortably. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/**
 * One attachment of a message, re-extracted from its raw source into a private temporary
 * folder (safe file names, never executed) and read back; the folder is removed after.
 */
export async function readAttachment(raw: Buffer, message: MailMessage, index: number): Promise<{ filename: string; contentType: string; base64: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gx-attachment-'));
  try {
    const parsed = await parseMessage(raw, { serviceId: message.serviceId, folder: message.folder, attachmentDir: dir });
    const saved = parsed.attachments[index];
    if (!saved) throw new GuichetError('not_found', `This mail has no attachment number ${index + 1}.`);
    if (saved.size > MAX_ATTACHMENT_BYTES) throw new GuichetError('unavailable', `${saved.filename} is larger than 25 MB; open the mail in your mail program to save it.`);
    return { filename: saved.filename, contentType: saved.contentType, base64: (await readFile(saved.path)).toString('base64') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
