import {
  InMemoryCategoryMemory,
  categoryFor,
  clearCategoryOverride,
  setCategoryOverride,
  type CategoryMemorySnapshot,
} from '../../src/colors/index.js';

const work = { url: 'https://dav.example.com/calendars/alice/work/', displayName: 'Work', color: '#0082C9FF' };

describe('categoryFor', () => {
  it('names the category after the calendar and explains the color', () => {
    const m = new InMemoryCategoryMemory();
    const a = categoryFor(work, m, []);
    expect(a.name).toBe('Work');
    expect(a.presetName).toBe('DarkBlue');
    expect(a.preset).toBe(22);
    expect(a.reason).toMatch(/^nearest to #0082C9 by CIEDE2000 \(ΔE \d+\.\d\)$/);
  });

  it('trims and tidies the display name, with fallbacks when it is empty', () => {
    const m = new InMemoryCategoryMemory();
    expect(categoryFor({ url: 'https://h/a/', displayName: '  Team\t calendar \n', color: 'red' }, m, []).name).toBe(
      'Team calendar',
    );
    expect(categoryFor({ url: 'https://h/cal/holidays%20FR/', displayName: '   ', color: null }, m, []).name).toBe(
      'holidays FR',
    );
    expect(
      categoryFor({ url: 'https://h/cal/5f0c2a4e-1b9d-4c1e-9a77-0d3a8e3f1c22/', displayName: null, color: null }, m, [])
        .name,
    ).toBe('Calendar');
  });

  it("does not steal one of the user's own categories (case-insensitive)", () => {
    const m = new InMemoryCategoryMemory();
    const user = ['work', 'Work (DAV)', 'Personal'];
    const a = categoryFor(work, m, user);
    expect(a.name).toBe('Work (DAV 2)');
    expect(a.reason).toContain('because you already have a category "Work"');
    expect(categoryFor({ url: 'https://h/p/', displayName: 'PERSONAL', color: 'green' }, m, user).name).toBe(
      'PERSONAL (DAV)',
    );
  });

  it('gives two calendars with the same name two categories', () => {
    const m = new InMemoryCategoryMemory();
    const a = categoryFor(work, m, []);
    const b = categoryFor({ url: 'https://other.example.org/dav/work/', displayName: 'work', color: '#63DA38' }, m, [
      a.name,
    ]);
    expect(a.name).toBe('Work');
    expect(b.name).toBe('work (DAV)');
    // even when Outlook has not created the first one yet (memory knows it)
    const c = categoryFor({ url: 'https://third.example.org/work/', displayName: 'Work', color: '#63DA38' }, m, []);
    expect(c.name).toBe('Work (DAV 2)');
  });

  it('keeps its own category on later runs (it is ours, not stolen)', () => {
    const m = new InMemoryCategoryMemory();
    const first = categoryFor(work, m, []);
    const second = categoryFor(work, m, [first.name]);
    expect(second).toEqual(first);
  });

  it('is stable across runs through a persisted snapshot', () => {
    const m = new InMemoryCategoryMemory();
    const first = categoryFor(work, m, ['Other']);
    const json = JSON.stringify(m.toSnapshot());
    const restored = InMemoryCategoryMemory.fromSnapshot(JSON.parse(json) as CategoryMemorySnapshot);
    expect(categoryFor(work, restored, ['Other', first.name])).toEqual(first);
    expect(() => InMemoryCategoryMemory.fromSnapshot({ version: 2, calendars: {} })).toThrow(TypeError);
    expect(() => InMemoryCategoryMemory.fromSnapshot({ version: 1, calendars: { x: { name: '' } } })).toThrow(/x/);
  });

  it('keeps the category name when the calendar is renamed, and suggests the new one', () => {
    const m = new InMemoryCategoryMemory();
    const first = categoryFor(work, m, []);
    const renamed = { ...work, displayName: 'Office' };
    const after = categoryFor(renamed, m, [first.name]);
    expect(after.name).toBe('Work');
    expect(after.preset).toBe(first.preset);
    expect(after.renameSuggestion).toBe('Office');
    // asked for: follows the rename, still without stealing
    const followed = categoryFor(renamed, m, ['Work', 'office'], { followRename: true });
    expect(followed.name).toBe('Office (DAV)');
    expect(categoryFor(renamed, m, ['Office (DAV)', 'office']).name).toBe('Office (DAV)');
  });

  it('keeps the preset while the color is unchanged, re-chooses it when the server color changes', () => {
    const m = new InMemoryCategoryMemory();
    expect(categoryFor(work, m, []).presetName).toBe('DarkBlue');
    expect(categoryFor({ ...work, color: '#0082c9' }, m, []).presetName).toBe('DarkBlue');
    expect(categoryFor({ ...work, color: '#63DA38' }, m, []).presetName).toBe('Green');
  });

  it('gives None, with the reason, when the calendar has no color or a bad one', () => {
    const m = new InMemoryCategoryMemory();
    const none = categoryFor({ url: 'https://h/n/', displayName: 'N', color: null }, m, []);
    expect(none).toMatchObject({ preset: -1, presetName: 'None' });
    expect(none.reason).toContain('no color');
    const bad = categoryFor({ url: 'https://h/b/', displayName: 'B', color: 'rgb(1,2,3)' }, m, []);
    expect(bad).toMatchObject({ preset: -1, presetName: 'None' });
    expect(bad.reason).toContain('"rgb(1,2,3)" is not a color');
  });

  it('keeps a user override of preset and name on every later run', () => {
    const m = new InMemoryCategoryMemory();
    categoryFor(work, m, []);
    const o = setCategoryOverride(work, m, { preset: 4 });
    expect(o).toMatchObject({ preset: 4, presetName: 'Green', reason: 'set by you' });
    // color changes and renames on the server do not undo it
    const later = categoryFor({ ...work, color: '#FF0000', displayName: 'Job' }, m, ['Work'], { followRename: true });
    expect(later.preset).toBe(4);
    expect(later.reason).toBe('set by you');
    // a chosen name may be one of the user's own categories: their choice
    const n = setCategoryOverride(work, m, { name: 'Personal' }, ['Personal']);
    expect(n.name).toBe('Personal');
    expect(categoryFor({ ...work, displayName: 'Other' }, m, ['Personal'], { followRename: true }).name).toBe(
      'Personal',
    );
    expect(() => setCategoryOverride(work, m, { name: '  ' })).toThrow(RangeError);
    expect(() => setCategoryOverride(work, m, { preset: 25 })).toThrow(RangeError);
    // and can be cleared
    const cleared = clearCategoryOverride(work, m, ['Personal']);
    expect(cleared.name).toBe('Work');
    expect(cleared.presetName).toBe('DarkBlue');
  });
});
