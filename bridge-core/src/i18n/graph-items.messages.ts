/**
 * Words of the Microsoft To Do and Outlook contacts stores (graph/todo-*.ts, graph/contact-*.ts): what To Do or
 * Outlook contacts will show differently (a downgrade, reported to the user), and why an item could not go there.
 */

/** What a VTODO lost, or how it was changed, on its way into Microsoft To Do. */
export type TodoDowngrade =
  /** To Do has no "cancelled" status: the task is shown as deferred. */
  | { code: 'task-cancelled' }
  /** To Do keeps a due day, not a time of day. */
  | { code: 'due-time-dropped'; due: string }
  /** To Do keeps one reminder at a date and time; other alarms stay on the DAV side. */
  | { code: 'task-reminder-dropped'; count: number }
  /** A rule To Do cannot repeat: the task is shown once; the DAV side keeps the rule. */
  | { code: 'task-recurrence-not-expressible'; rule: string };

/** What a vCard lost on its way into Outlook contacts. */
export type ContactDowngrade =
  /** Outlook keeps 3 email addresses; the others stay on the DAV side. */
  | { code: 'emails-dropped'; count: number }
  /** Outlook keeps a home, a business and an other address, one each. */
  | { code: 'addresses-dropped'; count: number }
  /** Outlook keeps a few phones per kind (home 2, business 2, mobile 1). */
  | { code: 'phones-dropped'; count: number }
  /** The photo is not sent to Outlook: a link (not fetched), over Graph's 4 MB, not JPEG/PNG/GIF, or refused. */
  | { code: 'photo-kept-aside'; reason: 'link' | 'too-large' | 'format' | 'refused' }
  /** The photo was removed on the DAV side; Outlook still shows the one the bridge sent (Graph v1.0 cannot remove it). */
  | { code: 'photo-not-removed' };

export interface GraphItemsMessageParams {
  'graph.todo-downgrade': { uid: string; downgrade: TodoDowngrade; title?: string };
  'graph.no-task': { id: string };
  'graph.contact-downgrade': { uid: string; downgrade: ContactDowngrade; title?: string };
  'graph.no-contact': { id: string };
}

export type GraphItemsCatalog = {
  [K in keyof GraphItemsMessageParams]: (params: GraphItemsMessageParams[K]) => string;
};
