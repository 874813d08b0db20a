import type { FormFieldKey } from '../../../shared/views';

// How a missing form field is named to the customer, in the template's language.
export const FIELD_NAMES: Record<'fr' | 'en', Record<FormFieldKey, string>> = {
  fr: {
    productVersion: 'la version du produit',
    moment: 'le moment où le problème survient (installation, lancement, jeu, sortie)',
    problem: 'la description du problème',
    errorCode: 'le numéro ou le message d’erreur',
    circumstances: 'les circonstances (carte, lieu, ce que vous faisiez)',
    configuration: 'la configuration de votre ordinateur (système, processeur, mémoire, carte graphique, carte mère, disques)',
    nature: 'la nature du problème',
    lastName: 'votre nom',
    firstName: 'votre prénom',
    address: 'votre adresse postale',
    serial: 'le numéro de série du jeu',
  },
  en: {
    productVersion: 'the product version',
    moment: 'when the problem occurs (installation, launch, play, exit)',
    problem: 'what the problem is',
    errorCode: 'the error number or message',
    circumstances: 'the circumstances (map, place, what you were doing)',
    configuration: 'your computer configuration (OS, CPU, RAM, graphics card, motherboard, disks)',
    nature: 'the nature of the problem',
    lastName: 'your last name',
    firstName: 'your first name',
    address: 'your postal address',
    serial: 'the game’s serial number',
  },
};
