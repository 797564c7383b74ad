/**
 * The notes of one sync run about Outlook (issue 15): what the Graph stores report through `onReport` (a
 * downgrade the rule table announces, an Outlook edit of a read-only instance undone) and a master category that
 * could not be made. Kept with the run's status in both languages, like its error, so the pane shows them in the
 * user's language. Deduplicated (the same words once per run) and bounded: a first sync of thousands of meetings
 * must not store thousands of the same kind of note; the last one then says how many more there were.
 */
import type { SyncRunRecord } from '../store/types.js';
import { inBothLanguages, message, type Message } from '../words.js';

export type RunNotice = NonNullable<SyncRunRecord['notices']>[number];

/** Notes kept per run (the next ones are counted in the last note). */
export const MAX_NOTICES = 20;

/** A stable code for a note: its message key, and the downgrade's own code when it is one. */
function codeOf(m: Message): string {
  const params = m.params as { downgrade?: { code?: unknown } };
  const sub = typeof params.downgrade?.code === 'string' ? `:${params.downgrade.code}` : '';
  return `${m.key}${sub}`;
}

export class RunNotices {
  private readonly kept: RunNotice[] = [];
  private readonly seen = new Set<string>();
  private more = 0;
  private wrote = false;

  /** Says the run wrote to Outlook: its notes (maybe none) are then the current ones, not the last run's. */
  noteWrites(): void {
    this.wrote = true;
  }

  /** Did the run write to Outlook? */
  get wroteAnything(): boolean {
    return this.wrote;
  }

  /** Takes a catalog message; said once per run whatever the number of times it is reported. */
  readonly add = (m: Message): void => {
    const text = inBothLanguages(m);
    const key = `${m.key}\n${text.en}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.kept.length < MAX_NOTICES) this.kept.push({ code: codeOf(m), ...text });
    else this.more++;
  };

  /** The run's notes, as stored with its status. */
  list(): RunNotice[] {
    if (this.more === 0) return [...this.kept];
    const more = inBothLanguages(message('graph-connect.notices-more', { count: this.more }));
    return [...this.kept, { code: 'notices-more', ...more }];
  }
}
