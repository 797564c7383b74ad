import type { GraphCatalog, GraphDowngrade } from './graph.messages.js';

/** An item as the user knows it: its title, with its UID to tell two of the same title apart. */
export const namedFr = (p: { uid: string; title?: string }): string => (p.title ? `« ${p.title} » (${p.uid})` : p.uid);

function downgradeFr(d: GraphDowngrade): string {
  switch (d.code) {
    case 'floating-time':
      return `son heure n'a pas de fuseau ; Outlook l'affiche dans le fuseau ${d.zone}`;
    case 'zone-converted-to-utc':
      return `Outlook ne connaît pas le fuseau ${d.tzid} ; les heures ont été converties en UTC (mêmes instants)`;
    case 'recurrence-not-expressible':
      return `Outlook ne sait pas répéter ainsi (${d.rule}) ; Outlook en affiche les occurrences de la période synchronisée comme des événements séparés en lecture seule, le serveur d'agenda garde toute la série`;
    case 'exceptions-not-mapped':
      return `${d.count} occurrence(s) modifiée(s) ne tombent sur aucune occurrence qu'Outlook connaisse ; elles ne sont pas affichées dans Outlook, le serveur d'agenda les garde`;
    case 'occurrence-not-restored':
      return `Outlook ne sait pas rétablir une occurrence supprimée (${d.dates}) ; elle reste supprimée dans Outlook tant que la série n'y est pas modifiée`;
    case 'reminder-dropped':
      return `Outlook ne garde qu'un rappel avant le début ; ${d.count} autre(s) rappel(s) restent sur le serveur d'agenda seulement`;
    case 'attendees-kept-aside':
      return `ses ${d.count} participant(s) ne sont pas affichés dans Outlook, pour qu'Outlook n'envoie aucun courriel ; le serveur d'agenda les garde`;
  }
}

export const graphFr: GraphCatalog = {
  'graph.downgrade': (p) => `Événement ${namedFr(p)} dans Outlook : ${downgradeFr(p.downgrade)}.`,
  'graph.unknown-zone': (p) =>
    `L'événement ${p.uid} utilise le fuseau horaire « ${p.tzid} », qu'Outlook et cette passerelle ne connaissent pas : il n'a pas été envoyé à Outlook (rien n'a changé sur le serveur d'agenda).`,
  'graph.instance-edit-reverted': (p) =>
    `Votre modification de « ${p.title} » dans Outlook a été annulée : c'est une occurrence d'une série qu'Outlook ne sait pas répéter (événement ${p.uid}), affichée en lecture seule. Modifiez la série dans votre application d'agenda.`,
  'graph.instance-deletion-reverted': (p) =>
    `« ${p.title} » a été supprimé dans Outlook et remis en place : c'est une occurrence d'une série qu'Outlook ne sait pas répéter (événement ${p.uid}), affichée en lecture seule. Supprimez l'occurrence ou la série dans votre application d'agenda.`,
  'graph.no-event': (p) => `L'élément ${p.id} ne contient pas d'événement : il n'a pas été envoyé à Outlook.`,
  'graph.request-failed': (p) => `Microsoft Graph a refusé la requête (HTTP ${p.status}, ${p.code}) : ${p.detail}`,
};
