import type { GuestPageCatalog } from './guest-page.messages.js';

export const guestPageFr: GuestPageCatalog = {
  guestPage: {
    language: 'Langue',
    footer: 'Partagé avec DAV Bridge (lecture seule).',
    allDay: 'Toute la journée',
    dayOf: (n, total) => `jour ${n} sur ${total}`,
    busy: 'Occupé',
    privateFree: 'Privé',
    noTitle: '(sans titre)',
    cancelled: 'annulé',
    free: 'disponible',
    overdue: 'en retard',
    repeats: 'répétée',
    due: 'échéance',
    privateTask: 'Tâche privée',
    openTasks: 'Tâches en cours',
    nothingPlanned: (days) => `Rien de prévu dans les ${days} prochains jours.`,
    someRepeatsMissing: 'Certains événements répétés ne sont pas tous affichés.',
    notExpandable:
      'Ces événements répétés ont une règle qui ne donne aucune date ou qui est illisible ; seule leur première date est connue :',
    timeZone: 'Les heures sont affichées dans le fuseau',
    subscribe: 'M’abonner dans mon agenda',
    download: 'Télécharger (.ics)',
    protectedTitle: 'Agenda protégé',
    protectedHeading: 'Cet agenda est protégé',
    enterPassword: 'Saisissez le mot de passe reçu avec le lien.',
    wrongPassword: 'Mot de passe incorrect. Réessayez.',
    password: 'Mot de passe',
    openCalendar: "Ouvrir l'agenda",
    notFound: {
      title: 'Lien introuvable',
      message: "Ce lien n'existe pas ou a été retiré par la personne qui l'a partagé.",
    },
    expired: {
      title: 'Ce lien a expiré',
      message:
        'La personne qui a partagé cet agenda avait fixé une date de fin, qui est passée. Demandez-lui un nouveau lien.',
    },
    tooMany: {
      title: 'Trop de tentatives',
      message: 'Trop de tentatives depuis votre connexion. Patientez quelques minutes, puis réessayez.',
    },
    unavailable: {
      title: 'Agenda indisponible',
      message: "Le serveur d'agenda est injoignable pour le moment. Réessayez plus tard.",
    },
    locked: {
      title: 'Ce lien est verrouillé',
      message:
        'Trop de mots de passe erronés ont été saisis pour ce lien. Demandez à la personne qui l’a partagé de le déverrouiller.',
    },
  },
};
