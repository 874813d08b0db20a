import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { extractFormFields, REQUIRED_FIELDS, formKindOf, type FormFieldKey } from '../../../src/main/core/triage/formFields';
import { readForm } from '../../../src/main/core/triage/readForm';
import { htmlToText } from '../../../src/main/core/triage/htmlText';
import { stripQuotedHistory } from '../../../src/main/core/triage/quotedHistory';
import { loadEml } from '../support/loadEml';

const FIXTURES = join(import.meta.dirname, '../../fixtures/forms');
const names = readdirSync(FIXTURES).filter((file) => file.endsWith('.eml')).map((file) => file.slice(0, -'.eml'.length)).sort();

describe('readForm on the hand-written mail fixtures', () => {
  it('has at least 40 fixtures, each with its expected JSON', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) expect(readdirSync(FIXTURES)).toContain(`${name}.expected.json`);
  });

  it.each(names)('%s', async (name) => {
    const { text, html } = await loadEml(join(FIXTURES, `${name}.eml`));
    const expected: unknown = JSON.parse(readFileSync(join(FIXTURES, `${name}.expected.json`), 'utf8'));
    expect(readForm(text, html)).toEqual(expected);
  });
});

describe('extractFormFields', () => {
  it('reads "Label : value" and "Label: value" alike, in any case and without accents', () => {
    const good = [
      'Nom : Dupont', 'Nom: Dupont', 'NOM : Dupont', 'nom:Dupont', '- Nom : Dupont', '* Nom : Dupont', '• Nom : Dupont',
      '1. Nom : Dupont', '**Nom :** Dupont', '**Nom** : Dupont', '*Nom*: Dupont', 'Nom\u00a0: Dupont', 'Last name: Dupont',
      'Nom de famille : Dupont', 'Surname : Dupont', 'Nom | Dupont',
    ];
    for (const line of good) expect(extractFormFields(line, null).fields, line).toEqual({ lastName: 'Dupont' });
  });

  it('reads no-break spaces as plain spaces in values', () => {
    expect(extractFormFields('N° de série\u00a0: ST\u00a07K2P\u202f4QX9 M3TA', null).fields).toEqual({ serial: 'ST 7K2P 4QX9 M3TA' });
  });

  it('does not read ordinary sentences as labels', () => {
    const bad = ['Nom du jeu : Stread', 'Problème avec mon jeu', 'Version de Windows : 11', 'Adresse e-mail : a@b.fr', 'Le nom : Dupont', 'Renommer : oui'];
    for (const line of bad) expect(extractFormFields(line, null), line).toEqual({ form: null, fields: {}, missing: [] });
  });

  it('takes the HTML body when the text part carries fewer fields', () => {
    const html = '<table><tr><td>Nature du problème</td><td>disque rayé</td></tr><tr><td>Nom</td><td>Roy</td></tr></table>';
    expect(extractFormFields('Voir la version HTML', html)).toEqual({
      form: 'consumer', fields: { nature: 'disque rayé', lastName: 'Roy' }, missing: ['firstName', 'address', 'serial'],
    });
  });

  it('lists missing required fields in form order', () => {
    expect(extractFormFields('Configuration : Windows 11', null).missing).toEqual(REQUIRED_FIELDS.technical.filter((key) => key !== 'configuration'));
  });

  it('decides the form from the labels present', () => {
    const cases: Array<[FormFieldKey[], 'technical' | 'consumer' | null]> = [
      [[], null], [['lastName', 'serial'], null], [['nature'], 'consumer'], [['errorCode'], 'technical'],
      [['nature', 'problem'], 'consumer'], [['nature', 'problem', 'configuration'], 'technical'],
    ];
    for (const [labels, form] of cases) {
      expect(formKindOf(new Set(labels)), labels.join()).toBe(form);
    }
  });
});

describe('htmlToText', () => {
  it('converts the structures mail clients produce', () => {
    const cases: Array<[string, string]> = [
      ['a<br>b<br/>c', 'a\nb\nc'],
      ['<p>one</p><p>two</p>', 'one\n\ntwo'],
      ['<div>one</div><div><br></div><div>two</div>', 'one\n\ntwo'],
      ['<table><tr><td>Nom</td><td>Roy</td></tr><tr><td>Prénom :</td><td>Léo</td></tr></table>', 'Nom : Roy\nPrénom : Léo'],
      ['<table><tr><th>a</th><th>b</th><th>c</th></tr></table>', 'a | b | c'],
      ['<table><tr><td>Adresse<td>1 rue X<br>75001 Paris</table>', 'Adresse : 1 rue X\n75001 Paris'],
      ['x &amp; y &lt;z&gt; &eacute;&#233;&#xE9; &rsquo; &unknown; &#0;', 'x & y <z> ééé ’ &unknown; \ufffd'],
      ['<style>p{color:red}</style><script>alert("Nom : X")</script>ok', 'ok'],
      ['<head><title>T</title></head><body>ok</body>', 'ok'],
      ['<!-- Nom : X -->ok', 'ok'],
      ['<blockquote>old<blockquote>older</blockquote></blockquote>new', '> old\n\n> > older\n\nnew'],
      ['<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
      ['<pre>a  b\n c</pre>', 'a  b\n c'],
      ['<a href="x" title="a>b">link</a> 1 < 2', 'link 1 < 2'],
      ['  lots   of\n\n spaces  ', 'lots of spaces'],
      ['<p>unclosed <b>tag', 'unclosed tag'],
    ];
    for (const [input, output] of cases) expect(htmlToText(input), input).toBe(output);
  });
});

describe('stripQuotedHistory', () => {
  it('keeps only the customer\'s new text', () => {
    const cases: Array<[string, string]> = [
      ['new\n> old\nmore', 'new\nmore'],
      ['new\nLe 2 nov. 2026, X <x@y> a écrit :\nold', 'new'],
      ['new\nOn Mon, Nov 2, 2026 at 9:00 AM X\n<x@y> wrote:\nold', 'new'],
      ['new\n-----Original Message-----\nold', 'new'],
      ['new\nDe : X\nEnvoyé : lundi\nold', 'new'],
      ['new\n-- \nsignature', 'new'],
      ['Le jeu plante.\nIl a écrit un message.', 'Le jeu plante.\nIl a écrit un message.'],
    ];
    for (const [input, output] of cases) expect(stripQuotedHistory(input), input).toBe(output);
  });
});
