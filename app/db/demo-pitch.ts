/** A pitch of the length the brief asks for (250–400 words), waiting for the reviewer. */
export const DEMO_PITCH = [
  "Titre de travail : « Oujda, la ville où l'on attend ». Angle : ce que deviennent les jeunes migrants subsahariens bloqués à Oujda pendant des mois,",
  "entre la gare routière, les ateliers de couture qui les emploient à la journée et les associations qui les accompagnent.",
  "Pourquoi maintenant : la région de l'Oriental a publié ses chiffres de l'accueil et les associations signalent une hausse des séjours longs ;",
  "les reportages habituels montrent la frontière, rarement la vie quotidienne de l'attente.",
  "Voix : trois jeunes hommes et une jeune femme rencontrés par l'intermédiaire d'une association, sous prénom d'emprunt s'ils le souhaitent,",
  "un employeur d'atelier, une assistante sociale, un responsable de l'entraide nationale et un chercheur de l'université Mohammed Premier.",
  "Sources et données : les chiffres publiés par la région et par le HCP, avec leur date et leur définition, les rapports annuels des associations,",
  "et la loi 27-14 pour distinguer clairement l'exploitation au travail des situations précaires qui n'en relèvent pas.",
  "Vérification : chaque chiffre confronté à sa source d'origine, chaque témoignage recoupé avec un second interlocuteur,",
  "les photos prises seulement avec un accord écrit et sans visage reconnaissable quand la personne le demande.",
  "Protection : le consentement expliqué dans la langue de chacun, le droit de relire les citations, aucun lieu de travail ni quartier précis nommé",
  "si cela peut exposer quelqu'un, et un numéro d'aide publié à la fin du reportage.",
  "Terminologie : je parlerai de migrants en situation irrégulière, jamais de clandestins, et je n'emploierai le mot traite que si les éléments de la définition sont réunis.",
  "Format : un reportage écrit de 1 200 mots avec une carte du parcours et un court module audio pour la radio de l'école.",
  "Calendrier : deux semaines de préparation et de prise de contact, une semaine de terrain, une semaine d'écriture et de vérification,",
  "puis une relecture par l'encadrant avant la conférence de rédaction de fin de module.",
].join(" ");
