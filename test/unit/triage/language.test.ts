import { describe, it, expect } from 'vitest';
import { detectLanguage } from '../../../src/main/core/triage/language';

describe('detectLanguage', () => {
  it('recognises short French and English phrases', () => {
    const cases: Array<[string, 'fr' | 'en' | 'other']> = [
      ['Bonjour', 'fr'],
      ['Merci', 'fr'],
      ['ok merci', 'fr'],
      ['Mon jeu se fige', 'fr'],
      ['Le jeu ne se lance plus', 'fr'],
      ["Je n'ai pas reçu ma commande", 'fr'],
      ['Le disque était rayé à la réception', 'fr'],
      ['Hello', 'en'],
      ['Thanks!', 'en'],
      ['My game freezes', 'en'],
      ['Hello, my game crashes at launch', 'en'],
      ['Where is my order?', 'en'],
      ['The disc was damaged when I received it', 'en'],
    ];
    for (const [text, lang] of cases) expect(detectLanguage(text), text).toBe(lang);
  });

  it('recognises longer mails', () => {
    const cases: Array<[string, 'fr' | 'en' | 'other']> = [
      ["Bonjour,\n\nDepuis la dernière mise à jour, le jeu plante systématiquement quand j'ouvre la carte du monde. J'ai déjà réinstallé les pilotes de ma carte graphique sans succès.\n\nCordialement,\nMarie", 'fr'],
      ['Hi,\n\nSince the last update the game crashes every time I open the world map. I already reinstalled my graphics drivers, without success.\n\nBest regards,\nMary', 'en'],
      ['Hallo,\n\nseit dem letzten Update stürzt das Spiel jedes Mal ab, wenn ich die Weltkarte öffne. Ich habe die Grafiktreiber schon neu installiert.\n\nViele Grüße', 'other'],
      ['Hola,\n\ndesde la última actualización el juego se cierra cada vez que abro el mapa del mundo. Ya reinstalé los controladores.\n\nSaludos', 'other'],
      ['Ciao,\n\ndopo l\'ultimo aggiornamento il gioco si chiude ogni volta che apro la mappa del mondo.\n\nGrazie', 'other'],
      ['Olá,\n\ndesde a última atualização o jogo fecha sempre que abro o mapa do mundo. Já reinstalei os drivers.\n\nObrigado', 'other'],
      // Languages tinyld's light model does not know still read as another language.
      ['Hej,\n\nspillet crasher hver gang jeg åbner kortet efter den sidste opdatering.\n\nMed venlig hilsen', 'other'],
      ['Dobrý den,\n\nhra padá pokaždé, když otevřu mapu světa po poslední aktualizaci.\n\nDěkuji', 'other'],
      ['Привіт,\n\nгра вилітає щоразу, коли я відкриваю карту світу після останнього оновлення.\n\nДякую', 'other'],
    ];
    for (const [text, lang] of cases) expect(detectLanguage(text), text).toBe(lang);
  });

  it('reads the customer\'s prose, not the labels, the technical values or the quoted history', () => {
    const cases: Array<[string, 'fr' | 'en' | 'other']> = [
      ['Nom : Smith\nPrénom : John\nDétails du problème : the game crashes when I load a save', 'en'],
      ['Last name: Dupont\nFirst name: Jean\nProblem: le jeu plante quand je charge une sauvegarde', 'fr'],
      ['Bonjour,\nConfiguration : Windows 11 Home, Intel Core i7, 16 GB RAM, GeForce RTX graphics card with the latest drivers\nMerci', 'fr'],
      ['Thanks, it works now!\n\nLe 2 nov. 2026, Service Technique a écrit :\n> Bonjour, pouvez-vous essayer de réinstaller le jeu et de nous dire si le problème persiste ?', 'en'],
      ['Merci, ça marche !\n\nOn Mon, Nov 2, 2026, Support wrote:\n> Hello, could you please reinstall the game and tell us whether the problem remains?', 'fr'],
    ];
    for (const [text, lang] of cases) expect(detectLanguage(text), text).toBe(lang);
  });

  it('falls back on the labels\' language when there is no prose', () => {
    const cases: Array<[string, 'fr' | 'en' | 'other']> = [
      ['Nom : Dupont\nPrénom : Jean\nNuméro de série : ST-7K2P-4QX9-M3TA', 'fr'],
      ['Last name: Smith\nFirst name: John\nSerial number: ST-7K2P-4QX9-M3TA', 'en'],
      ['', 'other'],
      ['ST-7K2P-4QX9-M3TA', 'other'],
      ['12/11/2026 10:00', 'other'],
    ];
    for (const [text, lang] of cases) expect(detectLanguage(text), text).toBe(lang);
  });
});
