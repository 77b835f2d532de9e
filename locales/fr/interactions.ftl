# Le journal des échanges, l'histoire d'un partenaire et la rotation diplomatique.
nav-interactions = Correspondance
apidocs-tag-interactions = Échanges
interactions-new = Consigner un échange
interactions-log = Consigner un échange
interactions-edit-title = Modifier « { $subject } »
interactions-count = { $count ->
    [0] Aucun échange
    [one] Un échange
   *[other] { $count } échanges
}
interactions-open-count = { $count ->
    [one] Une en cours
   *[other] { $count } en cours
}
interactions-overdue-count = { $count ->
    [one] Une en retard
   *[other] { $count } en retard
}
interactions-see-all = { $count ->
    [0] Tout le journal
    [one] Voir l'échange
   *[other] Voir les { $count } échanges
}
interactions-months = { $count ->
    [one] Un mois
   *[other] { $count } mois
}
interactions-search-hint = Des mots de l'objet, du résumé ou un numéro d'enregistrement, dans n'importe quelle écriture ; les accents sont sans importance.
interactions-any = Tous
interactions-from = Du
interactions-to = Au
interactions-show = Afficher
interactions-yes = Oui
interactions-no = Non
interactions-export-csv = Exporter en CSV
interactions-export-xlsx = Exporter en Excel
interactions-filtered-by-partner = Échanges avec
interactions-none-found = Aucun échange ne correspond
interactions-none-found-text = Essayez moins de mots ou effacez les filtres.
interactions-empty-title = Aucun échange consigné pour l'instant
interactions-empty-text = Consignez ici réunions, appels, lettres et notes verbales, avec leurs suites à donner, pour que toute l'organisation sache où en est chaque relation.
interactions-field-kind = Type
interactions-field-direction = Sens
interactions-field-occurred-at = Date
interactions-field-subject = Objet
interactions-field-summary = Résumé
interactions-field-sender-reference = Référence de l'expéditeur
interactions-field-registry-number = Numéro d'enregistrement
interactions-field-partners = Partenaires
interactions-field-contacts = Contacts
interactions-field-staff = Personnel participant
interactions-field-agreements = Accords
interactions-field-visible-to = Partagé avec
interactions-field-confidential = Confidentiel
interactions-field-follow-ups = Suites à donner
interactions-field-open-follow-ups = Suites en cours
interactions-field-action = Action
interactions-field-owner-id = Responsable
interactions-field-due-on = Échéance
interactions-field-created-by = Consigné par
interactions-field-outreach-case-id = Dossier de prospection
interactions-field-body = Formulaire
interactions-follow-up-field = Suite { $number } : { $field }
interactions-follow-up-legend = Suite { $number }
interactions-follow-up-new = Nouvelle suite
interactions-follow-ups-hint = Une action à mener après cet échange. Les lignes laissées vides sont ignorées.
interactions-registry-hint = Les lettres et notes verbales sortantes reçoivent le numéro suivant du registre.
interactions-sender-reference-hint = Pour les lettres et notes verbales reçues : la référence donnée par l'expéditeur.
interactions-partners-hint = L'identifiant du partenaire, sur la page du partenaire.
interactions-find-partner = Trouver un partenaire
interactions-partner-n = Partenaire { $n }
interactions-contacts-hint = Indiquez un partenaire ci-dessus puis enregistrez, ou venez de la page du partenaire, pour choisir parmi ses interlocuteurs.
interactions-agreements-hint = Les accords des partenaires indiqués ci-dessus apparaissent ici.
interactions-multiple-hint = Maintenez Ctrl (ou ⌘) pour en choisir plusieurs.
interactions-visible-hint = Seulement pour les échanges confidentiels : qui d'autre peut les lire.
interactions-confidential-hint = Visible seulement par vous, le personnel participant, les personnes avec qui il est partagé, les responsables des suites, le directeur et les administrateurs.
interactions-no-owner = Sans responsable
interactions-no-follow-ups = Aucune suite à donner.
interactions-done = Fait
interactions-overdue = En retard
interactions-mark-done = Marquer comme fait
interactions-reopen = Rouvrir
interactions-story-title = Relation
interactions-story-agreement = Accord
interactions-story-empty = Rien de consigné avec ce partenaire : consignez le premier échange.
interactions-timeline = Chronologie
interactions-open-follow-ups = Suites en cours
interactions-health-good = Saine
interactions-health-watch = À surveiller
interactions-health-alert = En danger
interactions-health-days-since = Jours depuis le dernier contact
interactions-health-overdue = Actions en retard
interactions-health-open = Actions en cours
interactions-health-active = Accords actifs
interactions-health-expiring = Expirant sous 90 jours
interactions-dormant-title = Partenaires sans contact
interactions-dormant-lead = { $count } partenaires sans échange depuis le { $since }.
interactions-dormant-months = Sans contact depuis
interactions-dormant-none = Tous les partenaires ont été contactés récemment
interactions-dormant-none-text = Choisissez une période plus courte pour voir les moins récemment contactés.
interactions-last-contact = Dernier contact
interactions-never = Jamais
interactions-my-follow-ups = Mes suites à donner
interactions-my-follow-ups-none = Aucune suite en cours ne vous est confiée.
interactions-open-items-title = Dossiers en cours à réattribuer
interactions-open-items-none = Aucun dossier en cours ne nomme cette personne.
interactions-open-items-hint = Quand cette personne quitte son poste, confiez ces dossiers à son successeur.
interactions-open-agreements = Accords en cours
interactions-open-outreach = Dossiers de prospection
interactions-open-reason-party = Son organisation est partie
interactions-open-reason-signatory = Elle l'a signé
interactions-end-position = Mettre fin à ce poste
interactions-end-on = Dernier jour
interactions-successor = Successeur
interactions-successor-hint = Le successeur prend le même titre dès le lendemain, et les suites en cours qui nomment cette personne le nommeront aussi.
interactions-successor-new = Ajouter d'abord une nouvelle personne
interactions-no-successor = Pas encore de successeur
interaction-kind-meeting = Réunion
interaction-kind-call = Appel
interaction-kind-email = Courriel
interaction-kind-letter = Lettre
interaction-kind-note_verbale = Note verbale
interaction-kind-visit = Visite
interaction-kind-mission = Mission
interaction-kind-ceremony = Cérémonie
interaction-kind-event = Événement
interaction-direction-incoming = Reçu
interaction-direction-outgoing = Envoyé
interaction-direction-internal = Interne
calendar-follow-up = Suite à donner : { $action }
notification-short-follow_up_due = Suite à donner aujourd'hui
notification-short-follow_up_overdue = Suite à donner en retard
action-follow_up_done = a marqué une suite comme faite
action-follow_up_reopened = a rouvert une suite
action-reroute = a réattribué au successeur
action-end_position = a mis fin à un poste
action-succeed = a pris la suite d'un poste
error-not_for_outgoing = Seule la correspondance reçue a une référence d'expéditeur.
error-invalid_datetime = Date et heure non valides.
error-unknown_contact = Contact inconnu.
error-unknown_outreach_case = Dossier de prospection inconnu.
error-already_ended = Le poste avait déjà pris fin à cette date.
