/**
 * The Outlook task pane's words live in the catalog (pane.messages.ts, pane.en.ts, pane.fr.ts), reached like every
 * other core word through catalog(lang).
 */
import { catalog } from '../../src/i18n/index.js';
import type { PaneWords } from '../../src/i18n/pane.messages.js';

const sample = (v: PaneWords[keyof PaneWords]): string =>
  typeof v === 'string' ? v : (v as (...a: unknown[]) => string)('Gilles', 'Équipe technique', 'Ecriture');

describe('task pane words in the catalog', () => {
  const en = catalog('en').pane;
  const fr = catalog('fr').pane;

  it('has every pane word in English and French, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof PaneWords>) {
      expect([key, sample(en[key]).trim().length > 0]).toEqual([key, true]);
      expect([key, sample(fr[key]).trim().length > 0]).toEqual([key, true]);
    }
  });

  it('translates the sentences (only names and the product stay the same)', () => {
    const same = (Object.keys(en) as Array<keyof PaneWords>).filter((k) => sample(en[k]) === sample(fr[k]));
    expect(same).toEqual(['title']);
  });

  it("names rights with the seed documents' words: Lecture / Ecriture / Gestion, and unknown as read-only", () => {
    expect([fr.rightsRead, fr.rightsReadWrite, fr.rightsAdmin]).toEqual(['Lecture', 'Ecriture', 'Gestion']);
    expect([en.rightsRead, en.rightsReadWrite, en.rightsAdmin]).toEqual(['Read', 'Read-write', 'Manage']);
    expect(en.rightsUnknown).toBe('rights unknown (treated as read-only)');
    expect(fr.rightsUnknown).toBe('droits inconnus (traité en lecture seule)');
  });
});
