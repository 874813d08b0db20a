import { type FormFieldKey } from './formLabels';
import { scanForm, type FormScan } from './formScan';
import { htmlToText } from './htmlText';

// Rule P7: the labelled fields of the technical and consumer forms, which form a mail follows,
// and which required fields the customer left out.

export { FORM_FIELD_KEYS, type FormFieldKey } from './formLabels';

export type FormKind = 'technical' | 'consumer';

export const REQUIRED_FIELDS: Readonly<Record<FormKind, readonly FormFieldKey[]>> = {
  technical: ['productVersion', 'moment', 'problem', 'configuration', 'lastName', 'firstName', 'address', 'serial'],
  consumer: ['nature', 'lastName', 'firstName', 'address', 'serial'],
};

/** Labels that only the technical form has; "nature" is the consumer form's own label. */
const TECHNICAL_ONLY: readonly FormFieldKey[] = ['productVersion', 'moment', 'problem', 'errorCode', 'circumstances', 'configuration'];

export interface FormFields {
  form: FormKind | null;
  fields: Partial<Record<FormFieldKey, string>>;
  missing: FormFieldKey[];
}

/**
 * Technical when technical labels appear, consumer when "nature" does. A mail with both is
 * technical only if it has two or more technical labels (one stray "Problème :" line in a
 * consumer mail does not make it technical). Name/address/serial alone say nothing: null.
 */
export function formKindOf(labelsSeen: ReadonlySet<FormFieldKey>): FormKind | null {
  const technical = TECHNICAL_ONLY.filter((key) => labelsSeen.has(key)).length;
  const consumer = labelsSeen.has('nature');
  if (technical === 0) return consumer ? 'consumer' : null;
  if (!consumer) return 'technical';
  return technical >= 2 ? 'technical' : 'consumer';
}

function fieldCount(scan: FormScan): number {
  return Object.keys(scan.fields).length;
}

/** The scan of whichever body carries more of the form: the text part, or the HTML part. */
export function scanBestBody(text: string, html: string | null): { scan: FormScan; body: string } {
  const fromText = { scan: scanForm(text), body: text };
  if (html === null || html.trim() === '') return fromText;
  const htmlBody = htmlToText(html);
  const fromHtml = { scan: scanForm(htmlBody), body: htmlBody };
  if (text.trim() === '') return fromHtml;
  return fieldCount(fromHtml.scan) > fieldCount(fromText.scan) ? fromHtml : fromText;
}

export function formFieldsOf(scan: FormScan): FormFields {
  const form = formKindOf(scan.labelsSeen);
  const missing = form === null ? [] : REQUIRED_FIELDS[form].filter((key) => scan.fields[key] === undefined);
  return { form, fields: scan.fields, missing };
}

export function extractFormFields(text: string, html: string | null): FormFields {
  return formFieldsOf(scanBestBody(text, html).scan);
}
