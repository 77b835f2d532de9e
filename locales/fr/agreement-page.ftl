## La page d'un accord et ses formulaires
notice-agreement-moved = L'accord est passé à sa nouvelle étape.
notice-review-decided = Votre décision a été enregistrée.
notice-review-chain-cleared = La chaîne d'examen est validée : l'accord attend maintenant les signatures.
notice-signature-recorded = La signature a été enregistrée.
notice-signatures-complete = Toutes les parties ont signé : l'accord attend maintenant la validation des Affaires juridiques.
notice-validation-recorded = La validation a été enregistrée. L'accord entrera en vigueur à la date indiquée.
notice-agreement-in-force = La validation a été enregistrée : l'accord est en vigueur.
notice-agreement-comment-added = Votre commentaire a été ajouté.

agreement-page-confidential = Confidentiel
agreement-page-terms = Conditions
agreement-page-links = Accords liés
agreement-page-no-links = Aucun accord-cadre, avenant ou renouvellement n'est lié à cet accord.
agreement-page-amendments = Avenants
agreement-page-renewals = Renouvelé par
agreement-page-consolidated = Conditions consolidées
agreement-page-consolidated-hint = Les conditions telles qu'elles résultent des avenants en vigueur, appliqués dans l'ordre où ils ont été conclus.
agreement-page-set-by = Fixé par l'avenant
agreement-page-original-terms = Inchangé depuis l'accord initial
agreement-page-not-set = Non renseigné
agreement-page-yes = Oui
agreement-page-no = Non
agreement-page-renews-with-notice = { $count ->
    [one] Oui, sauf préavis donné { $count } jour avant la fin
   *[other] Oui, sauf préavis donné { $count } jours avant la fin
}
agreement-page-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
agreement-page-less-than-a-day = Moins d'un jour
agreement-page-organization-party = { $org } (l'organisation)

agreement-page-lifecycle = Cycle de vie
agreement-page-stage-done = terminée
agreement-page-stage-current = étape en cours
agreement-page-stage-todo = pas encore atteinte
agreement-page-stage-note-suspended = L'accord est en vigueur mais sa mise en œuvre est suspendue.
agreement-page-stage-note-expired = L'accord est arrivé à son terme.
agreement-page-stage-note-completed = L'accord a été exécuté et clos.
agreement-page-stage-note-terminated = Il a été mis fin à l'accord avant son terme.
agreement-page-stage-note-withdrawn = L'accord a été retiré ; les étapes marquées terminées sont celles qu'il a franchies.
agreement-page-actions = Ce que vous pouvez faire maintenant
agreement-page-hint-no-draft = Déposez un projet avant de soumettre l'accord à l'examen.
agreement-page-hint-reason = Indiquez le motif : il est conservé dans l'historique.
agreement-page-confirm-action = { $action } : confirmer
agreement-page-not-allowed = « { $action } » n'est pas possible tant que l'accord est à l'étape « { $status } ». Ce que vous pouvez faire maintenant : { $allowed }.
agreement-page-not-allowed-none = « { $action } » n'est pas possible tant que l'accord est à l'étape « { $status } », et vous n'avez aucune action possible à cette étape.
agreement-page-moved-meanwhile = Quelqu'un d'autre a modifié cet accord entre-temps. Le voici tel qu'il est maintenant ; vérifiez avant de réessayer.

agreement-page-validation = Validation
agreement-page-validation-hint = Les Affaires juridiques enregistrent le numéro au registre des accords et la date d'entrée en vigueur. Si cette date est aujourd'hui ou passée, l'accord entre en vigueur immédiatement ; sinon à cette date.
agreement-page-validation-date-hint = La date du jour est proposée.
agreement-page-validate = Enregistrer la validation

agreement-page-chain = Chaîne d'examen
agreement-page-chain-none = L'accord n'a pas encore été soumis à l'examen.
agreement-page-cycle = Soumission { $number }
agreement-page-cycle-cleared = validée à chaque étape
agreement-page-cycle-voided = interrompue avant la fin
agreement-page-cycle-progress = { $cleared } étape(s) validée(s) sur { $total }
agreement-page-any-unit = toute unité
agreement-page-step-open = En attente de décision
agreement-page-step-waiting = Pas encore atteinte
agreement-page-step-voided = Annulée
agreement-page-overdue = En retard
agreement-page-due = Échéance
agreement-page-decided-by = Décidé par
agreement-page-your-decision = Votre décision
agreement-page-comment-hint = Obligatoire si vous demandez des modifications ou rejetez : le chargé de partenariat le lira.
agreement-page-comment-required = Indiquez ce qui doit changer, ou pourquoi vous rejetez.
agreement-page-record-decision = Enregistrer ma décision

agreement-page-drafts = Projets
agreement-page-drafts-none = Aucun projet n'a encore été déposé.
agreement-page-upload = Déposer un nouveau projet
agreement-page-version-n = Version { $number }
agreement-page-round-n = cycle { $number }
agreement-page-direction-internal = interne
agreement-page-direction-to_partner = envoyé au partenaire
agreement-page-direction-from_partner = reçu du partenaire
agreement-page-bytes = { $count ->
    [one] { $count } octet
   *[other] { $count } octets
}
agreement-page-kilobytes = { $count } Ko
agreement-page-compare = Comparer deux versions
agreement-page-compare-from = Version antérieure
agreement-page-compare-to = Version plus récente
agreement-page-compare-button = Afficher les modifications

agreement-page-signatures = Signatures
agreement-page-signed = Signé
agreement-page-not-signed = Non signé
agreement-page-sign-after-chain = Les signatures peuvent être enregistrées une fois la chaîne d'examen validée : l'organisation ne signe pas avant que les Affaires juridiques et la Direction générale aient validé l'accord.
agreement-page-record-signature = Enregistrer une signature

agreement-page-comments = Commentaires
agreement-page-comments-none = Aucun commentaire pour l'instant.
agreement-page-add-comment = Votre commentaire
agreement-page-comment-version = Au sujet du projet
agreement-page-no-version = L'accord dans son ensemble
agreement-page-about-version = au sujet de la version { $number }
agreement-page-post-comment = Ajouter le commentaire

agreement-page-timeline = Historique
agreement-page-event-details = Détails
agreement-page-value = Valeur
agreement-page-stage-times = Temps passé par étape
agreement-page-stage = Étape
agreement-page-time-spent = Temps passé
agreement-page-now = en cours
agreement-page-stays = { $count ->
    [one] { $count } passage
   *[other] { $count } passages
}
agreement-page-event-create = a créé l'accord
agreement-page-event-update = a modifié les conditions
agreement-page-event-comment = a commenté
agreement-page-event-add_draft_version = a déposé un projet
agreement-page-event-restart_review = a relancé l'examen après un nouveau projet
agreement-page-event-review_decision = a décidé d'une étape de l'examen
agreement-page-event-review_decision-cleared = a validé une étape de l'examen
agreement-page-event-review_decision-changes_requested = a demandé des modifications à une étape de l'examen
agreement-page-event-review_decision-rejected = a rejeté l'accord à une étape de l'examen
agreement-page-event-sign = a enregistré une signature
agreement-page-event-validate = a enregistré la validation
agreement-page-event-start_negotiation = a ouvert la négociation
agreement-page-event-submit_for_review = a soumis l'accord à l'examen
agreement-page-event-recall_from_review = a retiré l'accord de l'examen
agreement-page-event-request_changes = a renvoyé l'accord pour modifications
agreement-page-event-reject = a rejeté l'accord
agreement-page-event-clear_chain = a validé la dernière étape de l'examen : l'accord attend les signatures
agreement-page-event-complete_signatures = a enregistré la dernière signature : l'accord attend la validation
agreement-page-event-enter_into_force = a mis l'accord en vigueur
agreement-page-event-withdraw = a retiré l'accord
agreement-page-event-reopen = a rouvert l'accord
agreement-page-event-suspend = a suspendu l'accord
agreement-page-event-resume = a repris l'accord
agreement-page-event-terminate = a mis fin à l'accord
agreement-page-event-revert_termination = a annulé la fin de l'accord
agreement-page-event-complete = a marqué l'accord comme exécuté
agreement-page-event-expire = a constaté l'expiration de l'accord
agreement-page-event-document_added = a joint un document à l'accord
agreement-page-documents = Documents
agreement-page-documents-hint = Exemplaires signés, notification de résiliation, instruments de ratification et pleins pouvoirs, conservés avec l'accord.
agreement-page-documents-none = Aucun document pour l'instant. Ajoutez l'exemplaire signé une fois l'accord signé.
agreement-page-add-document = Ajouter le document
agreement-page-document-types = Numérisations PDF, PNG ou JPEG, Word, OpenDocument ou texte ; 20 Mo au plus.
agreement-page-no-signed-copy = Aucun pour l'instant
agreement-page-signed-copy-hint = Ajoutez d'abord l'exemplaire numérisé dans Documents, puis choisissez-le ici.
field-purpose = Objet
field-signed-copy = Exemplaire signé
document-purpose-signed_copy = Exemplaire signé
document-purpose-termination = Notification de résiliation
document-purpose-ratification = Instrument de ratification
document-purpose-full_powers = Pleins pouvoirs ou délégation
document-purpose-other = Autre document
notice-document-added = Le document a été joint à l'accord.
error-unknown_file = Aucun document de cet accord ne correspond à ce fichier.
