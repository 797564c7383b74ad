import type { ContactDowngrade, GraphItemsCatalog, TodoDowngrade } from './graph-items.messages.js';
import { namedFr } from './graph.fr.js';

function todoFr(d: TodoDowngrade): string {
  switch (d.code) {
    case 'task-cancelled':
      return "To Do n'a pas d'état « annulée » : il affiche la tâche comme reportée ; le serveur de tâches la garde annulée";
    case 'due-time-dropped':
      return `To Do ne garde que le jour d'échéance ; l'heure (${d.due}) reste sur le serveur de tâches`;
    case 'task-reminder-dropped':
      return `To Do ne garde qu'un rappel ; ${d.count} autre(s) rappel(s) restent sur le serveur de tâches seulement`;
    case 'task-recurrence-not-expressible':
      return `To Do ne sait pas la répéter ainsi (${d.rule}) ; To Do l'affiche une fois, le serveur de tâches garde la règle`;
  }
}

const PHOTO_FR: Record<Extract<ContactDowngrade, { code: 'photo-kept-aside' }>['reason'], string> = {
  link: "sa photo est un lien, qu'Outlook ne va pas chercher",
  'too-large': 'sa photo dépasse les 4 Mo acceptés par Outlook',
  format: "sa photo n'est pas une image JPEG, PNG ou GIF qu'Outlook sait afficher",
  refused: 'Outlook a refusé sa photo',
};

function contactFr(d: ContactDowngrade): string {
  switch (d.code) {
    case 'emails-dropped':
      return `Outlook garde 3 adresses électroniques ; ${d.count} autre(s) restent sur le serveur de carnets d'adresses`;
    case 'addresses-dropped':
      return `Outlook garde une adresse personnelle, une professionnelle et une autre ; ${d.count} autre(s) restent sur le serveur de carnets d'adresses`;
    case 'phones-dropped':
      return `Outlook n'a pas de place pour ${d.count} numéro(s) de téléphone ; ils restent sur le serveur de carnets d'adresses`;
    case 'photo-kept-aside':
      return `${PHOTO_FR[d.reason]} ; le serveur de carnets d'adresses la garde`;
    case 'photo-not-removed':
      return "sa photo a été retirée sur le serveur de carnets d'adresses, mais Outlook continue de l'afficher";
  }
}

export const graphItemsFr: GraphItemsCatalog = {
  'graph.todo-downgrade': (p) => `Tâche ${namedFr(p)} dans Microsoft To Do : ${todoFr(p.downgrade)}.`,
  'graph.no-task': (p) => `L'élément ${p.id} ne contient pas de tâche : il n'a pas été envoyé à Microsoft To Do.`,
  'graph.contact-downgrade': (p) => `Contact ${namedFr(p)} dans Outlook : ${contactFr(p.downgrade)}.`,
  'graph.no-contact': (p) => `L'élément ${p.id} ne contient pas de fiche de contact : il n'a pas été envoyé à Outlook.`,
};
