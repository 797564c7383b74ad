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
} from '@dav-bridge/core';
import type { Text } from '../i18n.js';
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

/** bridge-core explains in English only; the pane speaks French too, so the reason is rebuilt from the memory. */
function reasonText(e: RememberedCategory, color: string | undefined): Text {
  let en: string;
  let fr: string;
  if (e.presetSetByUser) {
    en = 'Color chosen by you';
    fr = 'Couleur choisie par vous';
  } else if (e.fromColor !== null && e.deltaE !== null) {
    const d = e.deltaE.toFixed(1);
    en = `Closest Outlook color to the calendar's ${e.fromColor} (CIEDE2000 difference ${d})`;
    fr = `Couleur Outlook la plus proche du ${e.fromColor} de l'agenda (écart CIEDE2000 ${d.replace('.', ',')})`;
  } else if (color) {
    en = "The calendar's color is not a color Outlook can use: no category color";
    fr = "La couleur de l'agenda n'est pas utilisable par Outlook : catégorie sans couleur";
  } else {
    en = 'The calendar has no color: no category color';
    fr = "L'agenda n'a pas de couleur : catégorie sans couleur";
  }
  if (e.nameSetByUser) {
    en += '; name chosen by you';
    fr += ' ; nom choisi par vous';
  } else if (e.avoided !== undefined) {
    en += `; named "${e.name}" because "${e.avoided}" is already used`;
    fr += ` ; nommée « ${e.name} » car « ${e.avoided} » est déjà utilisé`;
  }
  return { en: `${en}.`, fr: `${fr}.` };
}
