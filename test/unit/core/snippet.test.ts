import { describe, expect, it } from 'vitest';
import { snippetOf } from '../../../src/main/core/tickets/ticketBoard';
import { mulberry32 } from '../../support/seededRandom';

const naive = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 160);

describe('snippetOf: the card\'s first words', () => {
  it('equals collapsing and trimming the whole text, on texts built to stress the prefix', () => {
    const random = mulberry32(7);
    const pieces = ['Bonjour', 'écran', 'noir', ' ', '  ', '\r\n', '\r\n\r\n', '\t', '\u00a0', '\ufeff', '> ', 'x'.repeat(40), ' '.repeat(700), '\n'.repeat(3000)];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const parts = Math.floor(random() * 80);
      for (let i = 0; i < parts; i++) text += pieces[Math.floor(random() * pieces.length)];
      expect(snippetOf(text)).toBe(naive(text));
    }
  });

  it('cuts a long mail at 160 characters and keeps a short one whole', () => {
    const long = `  Bonjour,\r\n\r\n${'Le jeu plante au démarrage. '.repeat(400)}`;
    expect(snippetOf(long)).toBe(naive(long));
    expect(snippetOf(long)).toHaveLength(160);
    expect(snippetOf('  Merci  \r\n')).toBe('Merci');
    expect(snippetOf('')).toBe('');
  });
});
