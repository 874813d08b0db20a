// Words that say nothing about technical vs consumer, in accent-folded lowercase (FR + EN).

const french = `
a ai aie aient aies ait al alors au aucun aucune aujourd aupres aussi autre autres aux avais avait avant avec avez aviez avoir avons ayant
bah bcp beaucoup bien bjr bonjour bonsoir bref c ca car ce ceci cela celle celles celui cependant certain certaines ces cet cette ceux chaque
chez ci cmt comme comment cordialement coucho d dans de deja depuis des dois doit donc dont du elle elles en encore ensuite es est et etaient
etais etait etant ete etes etre eu eux fait faire fais faut fois hier ici il ils j je jusqu l la le les leur leurs lui m ma madame mais me meme
mes merci mesdames messieurs moi mon monsieur n ne ni non nos notre nous on ont ou oui par parce pas peu peut peux plus pour pourquoi pourriez
pourrais pouvez qd qu quand que quel quelle quelles quels qui quoi rien s sa salut sans se sera ses si sinon slt soit son sont suis sur svp
t ta te tes toi ton toujours tous tout toute toutes tres trop tt tu un une vos votre vous vs y slts cdlt cdt bonne journee soiree
`;

const english = `
a about after again all also am an and any are as at be because been before being but by can could did do does doesn don dont during each
for from get got had has have having he hello hey her here hi his how i if im in into is it its ive just me my myself no nor not now of on
once only or other our out please pls plz regards sincerely so some still such than thank thanks thx that the their them then there these
they this those through to too up us very was we were what when where which while who why will with would yes yet you your dear sir madam
best kind cheers hope well team
`;

export const stopWords: ReadonlySet<string> = new Set(`${french} ${english}`.split(/\s+/).filter((word) => word !== ''));
