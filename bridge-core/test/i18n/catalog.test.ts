import { catalog, message, render } from '../../src/i18n/index.js';
import { errorForStatus } from '../../src/dav/errors.js';

describe('message catalog (English and French)', () => {
  it('both languages have the same keys and operations', () => {
    expect(Object.keys(catalog('fr')).sort()).toEqual(Object.keys(catalog('en')).sort());
    expect(Object.keys(catalog('fr').operation).sort()).toEqual(Object.keys(catalog('en').operation).sort());
  });

  it('renders a DAV error with its parameters in each language', () => {
    const msg = message('dav.forbidden', { status: 403, url: 'https://dav.example/cal/', operation: 'delete-item' });
    expect(render('en', msg)).toBe(
      'You do not have the right to do deleting the item on this resource [HTTP 403, https://dav.example/cal/]',
    );
    expect(render('fr', msg)).toBe(
      "Vous n'avez pas le droit d'effectuer la suppression de l'élément sur cette ressource [HTTP 403, https://dav.example/cal/]",
    );
  });

  it('a DAV error carries a stable code and its message key; it is put into words only when rendered', () => {
    const err = errorForStatus(412, 'https://dav.example/cal/1.ics', undefined, 'change-item');
    expect(err.code).toBe('precondition-failed');
    expect(err.text).toEqual({
      key: 'dav.precondition-failed',
      params: { status: 412, url: 'https://dav.example/cal/1.ics', detail: undefined },
    });
    expect(err.localized('fr')).toMatch(/^L'élément a changé sur le serveur/);
    expect(err.message).toMatch(/^The item changed on the server/);
  });
});

describe('sync reports carry catalog messages (key and parameters)', () => {
  it('the deletion guard stops with a coded message, rendered in one language at a time', async () => {
    const { checkDeletionGuard } = await import('../../src/sync/guard.js');
    const stop = checkDeletionGuard({
      actions: [{ kind: 'delete', side: 'b', ident: 'u1', id: '1.ics', ifVersion: '"1"' } as never],
      statusSize: 3,
      sides: { a: { name: 'Équipe technique', size: 0, empty: true }, b: { name: 'B', size: 3, empty: false } },
    });
    expect(stop?.text).toEqual({ key: 'sync.guard-side-empty', params: { name: 'Équipe technique', known: 3 } });
    expect(render('fr', stop!.text)).toMatch(/^Synchronisation arrêtée : Équipe technique est vide/);
    expect(render('fr', stop!.text)).not.toMatch(/Sync stopped/);
    expect(stop!.en).toBe(render('en', stop!.text));
  });

  it('a bad deletion limit is refused with a coded message', async () => {
    const { parseDeletionLimit } = await import('../../src/sync/guard.js');
    let caught: unknown;
    try {
      parseDeletionLimit('beaucoup');
    } catch (err) {
      caught = err;
    }
    expect((caught as { text: unknown }).text).toEqual({
      key: 'sync.invalid-deletion-limit',
      params: { text: 'beaucoup' },
    });
  });
});

describe('colors carry catalog messages', () => {
  it('a category reason is a coded message, rendered in French without English', async () => {
    const { categoryFor, InMemoryCategoryMemory } = await import('../../src/colors/category.js');
    const got = categoryFor(
      { url: 'https://dav.example/cal/equipe/', displayName: 'Équipe technique', color: 'not-a-color' },
      new InMemoryCategoryMemory(),
      [],
    );
    expect(got.why).toMatchObject({ key: 'colors.category-reason' });
    expect(got.reason).toBe('the calendar color "not-a-color" is not a color: no category color (None)');
    expect(render('fr', got.why)).toBe(
      'la couleur de l\'agenda "not-a-color" n\'est pas une couleur : pas de couleur de catégorie (Aucune)',
    );
  });

  it('the swatch sheet speaks French when asked', async () => {
    const { renderSwatchSheetSvg } = await import('../../src/colors/swatch-svg.js');
    const svg = renderSwatchSheetSvg([], 'fr');
    expect(svg).toContain('Aucun agenda.');
    expect(svg).not.toContain('No calendars.');
  });
});
