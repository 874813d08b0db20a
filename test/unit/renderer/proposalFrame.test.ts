// The proposal composer renders the template once with a marker for the agent's text, then shows
// what comes before and after it around the text box.
import { describe, expect, it } from 'vitest';
import { frameOf } from '../../../src/renderer/src/components/ProposalComposer';

const MARKER = '\u2063GUICHET-PROPOSAL-BODY\u2063';

describe('frameOf', () => {
  it('splits the rendered template at the body, without the blank lines around it', () => {
    const rendered = `Hello Sam,\n\nHere is what we propose for GX-1:\n\n${MARKER}\n\nIf it does not work, reply.\n\nMarie`;
    expect(frameOf(rendered)).toEqual({ before: 'Hello Sam,\n\nHere is what we propose for GX-1:', after: 'If it does not work, reply.\n\nMarie', hasSlot: true });
  });

  it('says when a template has no place for the body (an override without {{proposalBody}})', () => {
    expect(frameOf('Hello Sam,\n\nMarie')).toEqual({ before: 'Hello Sam,\n\nMarie', after: '', hasSlot: false });
  });
});
