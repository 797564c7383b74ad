import type { ContactDowngrade, GraphItemsCatalog, TodoDowngrade } from './graph-items.messages.js';
import { namedEn } from './graph.en.js';

function todoEn(d: TodoDowngrade): string {
  switch (d.code) {
    case 'task-cancelled':
      return 'To Do has no "cancelled" status: it shows the task as deferred; the task server keeps it cancelled';
    case 'due-time-dropped':
      return `To Do keeps the due day only; the time (${d.due}) stays on the task server`;
    case 'task-reminder-dropped':
      return `To Do keeps one reminder; ${d.count} other reminder(s) stay on the task server only`;
    case 'task-recurrence-not-expressible':
      return `To Do cannot repeat it this way (${d.rule}); To Do shows it once, the task server keeps the rule`;
  }
}

const PHOTO_EN: Record<Extract<ContactDowngrade, { code: 'photo-kept-aside' }>['reason'], string> = {
  link: 'its photo is a link, which Outlook does not fetch',
  'too-large': 'its photo is larger than the 4 MB Outlook takes',
  format: 'its photo is not a JPEG, PNG or GIF image Outlook can show',
  refused: 'Outlook refused its photo',
};

function contactEn(d: ContactDowngrade): string {
  switch (d.code) {
    case 'emails-dropped':
      return `Outlook keeps 3 email addresses; ${d.count} other(s) stay on the address book server`;
    case 'addresses-dropped':
      return `Outlook keeps one home, one work and one other address; ${d.count} other(s) stay on the address book server`;
    case 'phones-dropped':
      return `Outlook has no room for ${d.count} phone number(s); they stay on the address book server`;
    case 'photo-kept-aside':
      return `${PHOTO_EN[d.reason]}; the address book server keeps it`;
    case 'photo-not-removed':
      return 'its photo was removed on the address book server, but Outlook keeps showing it';
  }
}

export const graphItemsEn: GraphItemsCatalog = {
  'graph.todo-downgrade': (p) => `Task ${namedEn(p)} in Microsoft To Do: ${todoEn(p.downgrade)}.`,
  'graph.no-task': (p) => `Item ${p.id} holds no task: it was not sent to Microsoft To Do.`,
  'graph.contact-downgrade': (p) => `Contact ${namedEn(p)} in Outlook: ${contactEn(p.downgrade)}.`,
  'graph.no-contact': (p) => `Item ${p.id} holds no contact card: it was not sent to Outlook.`,
};
