/**
 * Outlook categories for the user's calendars and task lists (bridge-core colors): the category name and preset
 * each collection gets, remembered per user in the bridge's store (a CategoryMemory snapshot), so a calendar keeps
 * its category across sign-ins and server-side renames, and a user's override stays.
 */
import {
  InMemoryCategoryMemory,
  PRESET_NONE,
  categoryFor,
  clearCategoryOverride,
  setCategoryOverride,
  type CategoryAssignment,
  type CategoryOverride,
  type Collection,
  type RememberedCategory,
  type i18n,
} from '@dav-bridge/core';
import { inBothLanguages, message, type Text } from '../words.js';
import type { CategoryStore } from '../store/types.js';

export interface CategoryView {
  /** 0..24, or null (no usable color: Outlook's "None"). */
  preset: number | null;
  /** Office.js name of the preset ("DarkBlue"); "None" when preset is null. */
  presetName: string;
  /** The Outlook category name the collection's items carry. */
  category: string;
  /** Why this category and color, in plain words. */
  categoryReason: Text;
  /** Set when the calendar was renamed on the server: the name the category would now get (kept until chosen). */
  categoryRenameSuggestion: string | null;
}

/** The user's category memory, loaded from the store; save() writes it back only when it changed. */
export class UserCategories {
  private constructor(
    private readonly store: CategoryStore,
    private readonly accountId: string,
    private readonly memory: InMemoryCategoryMemory,
    private saved: string,
  ) {}

  static async load(store: CategoryStore, accountId: string): Promise<UserCategories> {
    const snapshot = await store.getCategoryMemory(accountId);
    let memory = new InMemoryCategoryMemory();
    if (snapshot !== undefined) {
      try {
        memory = InMemoryCategoryMemory.fromSnapshot(snapshot);
      } catch {
        // A damaged snapshot must not break the listing: categories are recomputed (and saved again).
      }
    }
    return new UserCategories(store, accountId, memory, JSON.stringify(memory.toSnapshot()));
  }

  /** Calendars and task lists get a category; address books have none. */
  static applies(c: Pick<Collection, 'kind'>): boolean {
    return c.kind !== 'contacts';
  }

  assign(c: Collection): CategoryView {
    return this.view(c, categoryFor(this.ref(c), this.memory, []));
  }

  override(c: Collection, o: CategoryOverride): CategoryView {
    return this.view(c, setCategoryOverride(this.ref(c), this.memory, o));
  }

  reset(c: Collection): CategoryView {
    return this.view(c, clearCategoryOverride(this.ref(c), this.memory));
  }

  async save(): Promise<void> {
    const now = JSON.stringify(this.memory.toSnapshot());
    if (now === this.saved) return;
    await this.store.saveCategoryMemory(this.accountId, this.memory.toSnapshot());
    this.saved = now;
  }

  private ref(c: Collection) {
    return { url: c.url, displayName: c.name, color: c.color ?? null };
  }

  private view(c: Collection, a: CategoryAssignment): CategoryView {
    const entry = this.memory.get(c.url);
    return {
      preset: a.preset === PRESET_NONE ? null : a.preset,
      presetName: a.presetName,
      category: a.name,
      categoryReason: entry ? reasonText(entry, c.color) : { en: a.reason, fr: a.reason },
      categoryRenameSuggestion: a.renameSuggestion ?? null,
    };
  }
}

/** The reason, rebuilt from the memory in the server's words (the pane shows it as is, in both languages). */
function reasonText(e: RememberedCategory, color: string | undefined): Text {
  return inBothLanguages(message('server.category-reason', reasonOf(e, color)));
}

function reasonOf(e: RememberedCategory, color: string | undefined): i18n.MessageParams['server.category-reason'] {
  return {
    color: e.presetSetByUser
      ? { kind: 'set-by-user' }
      : e.fromColor !== null && e.deltaE !== null
        ? { kind: 'nearest', color: e.fromColor, deltaE: e.deltaE }
        : color
          ? { kind: 'unusable' }
          : { kind: 'none' },
    naming: e.nameSetByUser
      ? { kind: 'set-by-user' }
      : e.avoided !== undefined
        ? { kind: 'avoided', name: e.name, avoided: e.avoided }
        : undefined,
  };
}
