## Pages des accords : la liste, le tableau, les formulaires, mon travail, les délais, le résumé de l'accueil
nav-agreements = Accords
nav-my-work = Mon travail
agreements-new = Nouvel accord
agreements-create = Créer l'accord
agreements-count = { $count ->
    [0] Aucun accord
    [one] Un accord
   *[other] { $count } accords
}
agreements-filters = Filtrer les accords
agreements-search-hint = Référence, titre ou objectifs, dans l'une des trois langues.
agreements-filter-partner = Partenaire (identifiant)
agreements-partner-id-hint = L'identifiant du partenaire, tel qu'il figure dans l'adresse de sa page.
agreements-ends-after = Se termine après le
agreements-ends-before = Se termine avant le
agreements-mine = Seulement les accords dont je suis responsable
agreements-ends-soon = Se termine bientôt
agreements-col-reference = Référence
agreements-col-title = Titre
agreements-col-parties = Parties
agreements-col-status = Statut
agreements-col-ends-on = Fin
agreements-col-updated-at = Dernière modification
agreements-empty-title = Aucun accord pour l'instant
agreements-empty-text = Enregistrez un accord dès le premier contact avec un partenaire : il reçoit sa référence, puis passe par la négociation, l'examen, la signature et la validation.
agreements-empty-text-reader = Les accords que vous pouvez consulter apparaîtront ici dès que les chargés de partenariats les auront enregistrés.
agreements-none-found = Aucun accord ne correspond à ces filtres
agreements-none-found-text = Essayez moins de filtres, une autre orthographe ou une période plus large.
agreements-yes = Oui
agreements-no = Non

## Tableau
agreements-board = Tableau du portefeuille
agreements-board-lead = Où en est chaque accord, du premier contact à l'entrée en vigueur.
agreements-board-table = Afficher sous forme de tableau
agreements-board-total = { $count ->
    [0] Aucun accord à ces étapes.
    [one] Un accord à ces étapes.
   *[other] { $count } accords à ces étapes.
}
agreements-board-cards = { $count ->
    [one] Chaque colonne montre sa première fiche, la plus ancienne modification d'abord.
   *[other] Chaque colonne montre jusqu'à { $count } fiches, les plus anciennement modifiées d'abord.
}
agreements-board-column-empty = Rien à cette étape.
agreements-board-see-all = { $count ->
    [one] Le voir dans la liste
   *[other] Voir les { $count } dans la liste
}
agreements-days-in-stage = { $count ->
    [0] Arrivé à cette étape aujourd'hui
    [one] Un jour à cette étape
   *[other] { $count } jours à cette étape
}

## Formulaire
agreements-edit-title = Modifier { $reference }
agreements-form-lead = La référence est attribuée à la création de l'accord, d'après l'unité responsable et l'année.
agreements-title-hint = Donnez le titre dans au moins une langue ; les trois aident collègues et partenaires à le retrouver.
agreements-partners-hint = Une ou plusieurs organisations partenaires. Collez l'identifiant de chaque partenaire, à la fin de l'adresse de sa page.
agreements-find-partner = Trouver un partenaire (nouvel onglet)
agreements-partner-n = Partenaire { $n }
agreements-confidential-hint = Seuls le responsable, les examinateurs de sa chaîne, la Direction générale et les administrateurs le verront.
agreements-auto-renew-hint = Renouvelé à la date de fin sauf si quelqu'un agit avant l'échéance du préavis. Exige une date de fin.
agreements-value-amount = Montant
field-value-currency = Devise
agreements-parent-hint = Facultatif : l'identifiant de l'accord-cadre que celui-ci met en œuvre.
field-ends-before = Se termine avant le
field-ends-after = Se termine après le
field-partner-id = Partenaire
error-not_a_number = Saisissez un nombre entier.
error-not_a_framework = Cet accord n'est pas un accord-cadre.

## Mon travail
agreements-work-lead = Les examens qui attendent votre décision et vos accords qui ont besoin de vous.
agreements-work-reviews = Examens qui me sont confiés
agreements-work-overdue = Examens en retard
agreements-work-mine = Mes accords à traiter
agreements-work-expiring = Les miens qui se terminent dans les 90 jours
agreements-work-no-reviews = Aucun examen ne vous attend.
agreements-work-reviews-hint = Les étapes d'examen de votre rôle ({ $role }) apparaissent ici quand un accord les atteint.
agreements-work-reviews-hint-unit = Les étapes d'examen de votre rôle ({ $role }) et de votre unité ({ $unit }) apparaissent ici quand un accord les atteint.
agreements-work-step = Étape
agreements-work-step-n = Étape { $n }
agreements-work-opened = Ouverte le
agreements-work-due = Échéance
agreements-work-days-overdue = { $count ->
    [0] Échéance aujourd'hui
    [one] Un jour de retard
   *[other] { $count } jours de retard
}
agreements-work-days-left = { $count ->
    [0] Échéance aujourd'hui
    [one] Un jour restant
   *[other] { $count } jours restants
}
agreements-work-todo = À faire
agreements-todo-negotiation = Négocier le projet avec le partenaire, puis le soumettre à l'examen.
agreements-todo-signature = Organiser la signature de chaque partie.
agreements-todo-validation = Suivre la validation par les Affaires juridiques.
agreements-todo-expiring = Se termine bientôt : le renouveler, le modifier par avenant ou le laisser expirer.
agreements-work-no-mine = Aucun de vos accords n'attend d'action pour l'instant.
agreements-work-all-mine = Tous les accords dont je suis responsable

## Délais
agreements-cycle-times = Délais par étape
agreements-cycle-lead = Le nombre moyen de jours passés à chaque étape avant l'entrée en vigueur, pour voir où les accords attendent.
agreements-cycle-overall = Jours en moyenne par étape
agreements-cycle-days = { $days } j
agreements-cycle-hint = Les étapes en cours comptent jusqu'à aujourd'hui.
agreements-cycle-by-kind = Par type d'accord
agreements-cycle-by-unit = Par unité responsable
agreements-cycle-total = Jusqu'à la validation
agreements-cycle-unit-days = jours en moyenne
agreements-cycle-empty = Pas encore de délais
agreements-cycle-empty-text = Ils apparaissent dès que des accords passent d'une étape à l'autre.

## Accueil
agreements-home-by-status = Accords par étape
agreements-home-all = { $count ->
    [one] L'accord
   *[other] Les { $count } accords
}
agreements-home-expiring = Se terminent dans les 90 jours
agreements-home-none-expiring = Aucun accord en vigueur ne se termine dans les 90 jours.

## En-têtes des exports
agreements-export-id = ID
agreements-export-reference = Référence
agreements-export-title-ar = Titre (arabe)
agreements-export-title-en = Titre (anglais)
agreements-export-title-fr = Titre (français)
agreements-export-kind = Type
agreements-export-status = Statut
agreements-export-partners = Partenaires
agreements-export-lead-unit = Unité responsable
agreements-export-owner = Responsable
agreements-export-confidential = Confidentiel
agreements-export-starts-on = Début
agreements-export-ends-on = Fin
agreements-export-entry-into-force = Entrée en vigueur
agreements-export-auto-renew = Renouvellement automatique
agreements-export-notice-days = Préavis (jours)
agreements-export-value = Valeur
agreements-export-currency = Devise
agreements-export-tags = Étiquettes
agreements-export-registry-number = Numéro d'enregistrement
agreements-export-created-at = Créé le
agreements-export-updated-at = Dernière modification
