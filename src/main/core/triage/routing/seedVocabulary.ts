// The built-in prior: words the team's policy names for each service, so routing works before any example.
// Weight = pseudo-count of mails that used the word (3 strong, 2 clear, 1 leaning). Multi-word entries seed the pair.

export const technicalSeed: Readonly<Record<string, number>> = {
  // installation and launch
  installation: 3, installer: 3, install: 3, installing: 3, setup: 3, 'désinstaller': 3, uninstall: 3, 'réinstaller': 3, reinstall: 3,
  lancement: 3, lancer: 2, launch: 3, launcher: 3, 'démarrer': 2, 'démarrage': 2, startup: 2, 'ne se lance pas': 3, "won't start": 3,
  exe: 2, dll: 3, msvcp: 3, vcredist: 3, directx: 3, 'net framework': 3, administrateur: 2, administrator: 2, antivirus: 2, pare: 1,
  // failures
  crash: 3, crashes: 3, crashed: 3, plante: 3, plantage: 3, planté: 3, freeze: 3, freezes: 3, 'figé': 3, fige: 2, bloque: 2, 'bloqué': 2,
  stuck: 2, hang: 2, 'écran noir': 3, 'black screen': 3, 'écran bleu': 3, 'blue screen': 3, bsod: 3, bug: 3, bugs: 3, beug: 3, bugg: 3,
  buggé: 3, glitch: 3, erreur: 1, error: 1, 'message d\'erreur': 3, 'error message': 3, 'code erreur': 3, 'error code': 3,
  'code d\'erreur': 3, '#hexcode': 3, 'ferme tout seul': 3, 'retour au bureau': 3, desktop: 2, bureau: 1, redémarrer: 1, reboot: 2,
  corrompu: 3, corrupted: 3, 'fichier': 2, file: 1, files: 1, log: 2, dump: 3, chargement: 2, loading: 2, 'sauvegarde': 2, save: 2, saves: 2,
  // rendering, graphics, drivers
  rendu: 3, rendering: 3, render: 3, texture: 3, textures: 3, affichage: 2, display: 2, 'résolution': 2, resolution: 2, shader: 3,
  shaders: 3, 'carte graphique': 3, 'graphics card': 3, graphique: 2, graphics: 3, gpu: 3, vram: 3, driver: 3, drivers: 3,
  pilote: 3, pilotes: 3, nvidia: 3, geforce: 3, gtx: 3, rtx: 3, radeon: 3, amd: 2, intel: 2, fps: 3, '#fps': 3, lag: 2, saccade: 3,
  saccades: 3, stutter: 3, ralenti: 2, ralentissements: 2, 'plein écran': 3, fullscreen: 3, 'fenêtré': 3, windowed: 3, 'écran': 1,
  screen: 1, flicker: 3, scintille: 3, clignote: 2, artefacts: 3, artifacts: 3, pixels: 2,
  // configuration
  configuration: 2, config: 3, processeur: 3, processor: 3, cpu: 3, ram: 3, '#go': 2, '#gb': 2, '#ghz': 3, windows: 2, win: 2, os: 2,
  'système': 1, 'carte mère': 3, motherboard: 3, 'disque dur': 2, ssd: 2, hdd: 2, patch: 3, 'mise à jour': 2, update: 1, version: 2,
  compatible: 2, compatibility: 2, 'compatibilité': 2, 'configuration minimale': 3, 'minimum requirements': 3,
  // gameplay, AI, sound, input
  ia: 3, ai: 3, ennemis: 2, enemies: 2, pathfinding: 3, 'personnages': 1, niveau: 1, level: 1, mission: 2, 'quête': 2, quest: 2,
  sound: 2, audio: 3, micro: 1, manette: 3, controller: 3, clavier: 2, keyboard: 2, souris: 2, mouse: 2, touches: 2, keys: 1,
  multijoueur: 3, multiplayer: 3, serveur: 2, server: 2, ping: 3, latence: 3, 'déconnecté': 2, disconnected: 2, 'lecteur': 2, drive: 2,
  'ne lit pas': 2, 'not reading': 2, 'jouer': 1, play: 1, playing: 1, partie: 1, game: 1, jeu: 1,
};

export const consumerSeed: Readonly<Record<string, number>> = {
  // orders and delivery
  commande: 3, commandé: 3, commander: 2, order: 3, ordered: 3, orders: 3, livraison: 3, livré: 3, 'livrée': 3, livrer: 3,
  delivery: 3, delivered: 3, deliver: 3, colis: 3, parcel: 3, package: 3, 'reçu': 2, received: 2, receive: 2, 'pas reçu': 3,
  'jamais reçu': 3, 'never received': 3, 'not received': 3, 'réception': 2, 'expédition': 3, 'expédié': 3, shipped: 3, shipping: 3,
  shipment: 3, envoi: 2, suivi: 2, tracking: 3, transporteur: 3, courier: 3, carrier: 3, poste: 3, postal: 1, colissimo: 3,
  chronopost: 3, ups: 2, dhl: 3, fedex: 3, 'point relais': 3, relais: 3, facteur: 3, postman: 3, 'boîte aux lettres': 3, mailbox: 2,
  retard: 2, late: 1, delay: 1, 'délai': 2, adresse: 1, address: 1, 'précommande': 3, 'pre-order': 3, preorder: 3, stock: 3,
  // payment
  paiement: 3, payment: 3, payer: 2, 'payé': 3, paid: 3, pay: 2, 'carte bancaire': 3, 'credit card': 3, cb: 3, visa: 3, mastercard: 3,
  paypal: 3, 'débité': 3, 'débit': 3, debited: 3, charged: 3, 'prélevé': 3, 'prélèvement': 3, 'deux fois': 2, twice: 2,
  double: 1, virement: 3, banque: 3, bank: 3, bancaire: 3, transaction: 3, 'refusé': 1, declined: 2, facture: 3, invoice: 3,
  receipt: 3, 'reçu de paiement': 3, 'facturé': 3, billed: 3, billing: 3, '#money': 3, euros: 3, euro: 3, eur: 3, dollars: 2,
  // refund, price, shop
  remboursement: 3, rembourser: 3, 'remboursé': 3, refund: 3, refunded: 3, reimburse: 3, prix: 3, price: 3, tarif: 3, tarifs: 3,
  pricing: 3, cost: 2, 'coûte': 2, promo: 3, promotion: 3, 'réduction': 3, discount: 3, coupon: 3, 'code promo': 3, tva: 3, vat: 3,
  boutique: 3, shop: 3, store: 2, magasin: 3, panier: 3, checkout: 3, cart: 2, achat: 3, 'acheté': 3, acheter: 2, purchase: 3,
  purchased: 3, bought: 3, buy: 2, client: 1, compte: 1, account: 1, annuler: 3, annulation: 3, cancel: 3, cancelled: 3, canceled: 3,
  'rétractation': 3, retour: 2, 'retourner': 3, 'renvoyer': 2, return: 2, returned: 2, 'échange': 3, 'échanger': 3, exchange: 3,
  remplacement: 2, replacement: 2, 'remplacer': 2, replace: 2, garantie: 2, warranty: 2, cgv: 3, 'conditions de vente': 3, 'terms of sale': 3,
  // damaged on delivery
  'abîmé': 3, 'abimé': 3, 'endommagé': 3, damaged: 3, 'cassé': 2, broken: 2, 'rayé': 3, scratched: 3, 'fissuré': 3, cracked: 3,
  'boîte': 2, 'boîtier': 2, box: 2, emballage: 3, packaging: 3, 'écrasé': 3, crushed: 3, manquant: 2, missing: 1,
  'collector': 2, 'édition': 1, edition: 1, notice: 1, manual: 1, 'frais de port': 3, 'shipping fee': 3, 'mauvais article': 3, 'wrong item': 3,
};
