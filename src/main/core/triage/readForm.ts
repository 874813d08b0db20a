import { type Language } from '../../../shared/domain';
import { formFieldsOf, scanBestBody, type FormFields } from './formFields';
import { languageOfScan } from './language';
import { findSerial } from './serial';

// Everything the form card shows for one mail, in one call (also what `cli fields` prints).

export interface FormReading extends FormFields {
  /** Canonical serial (ST-XXXX-XXXX-XXXX) or null. */
  serial: string | null;
  lang: Language;
}

export function readForm(text: string, html: string | null): FormReading {
  const { scan, body } = scanBestBody(text, html);
  const { form, fields, missing } = formFieldsOf(scan);
  const serial = findSerial(body, fields);
  // A serial written outside the form's field is still a serial: do not ask for it again.
  const stillMissing = serial === null ? missing : missing.filter((key) => key !== 'serial');
  return { form, fields, missing: stillMissing, serial, lang: languageOfScan(scan) };
}
