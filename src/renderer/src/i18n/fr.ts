import type { Messages } from './en';

export const fr: Messages = {
  appName: 'Guichet',
  demoBanner: 'Espace de démonstration — mails d’exemple uniquement ; rien n’est envoyé. Ajoutez vos boîtes de service dans les Réglages pour commencer.',
  loading: 'Chargement…',
  loadFailed: 'Guichet n’a pas pu charger votre espace : {{message}}',
  queue: { count_one: '{{count}} mail', count_other: '{{count}} mails', empty: 'Aucun mail dans cette file.' },
  card: { attachment: 'pièce jointe', incomplete: 'illisible en partie' },
  reader: { close: 'Fermer', to: 'À', from: 'De', attachments: 'Pièces jointes', pick: 'Choisissez un mail pour le lire.' },
  language: 'Langue',
  kinds: { technical: 'Technique', consumer: 'Consommateurs', other: 'Autre' },
};
