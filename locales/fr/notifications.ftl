## Notifications (page, cloche, messages de l'API, courriel) et le flux d'agenda
notifications-title = Notifications
notifications-unread-count = { $count ->
    [0] Aucune notification non lue
    [one] { $count } notification non lue
   *[other] { $count } notifications non lues
}
notifications-total = { $count ->
    [0] Aucune notification
    [one] { $count } notification
   *[other] { $count } notifications
}
notifications-show-all = Tout afficher
notifications-show-unread = Non lues seulement
notifications-mark-all-read = Tout marquer comme lu
notifications-mark-read = Marquer comme lue
notifications-read = Lue
notifications-new = Nouvelle
notifications-empty = Vous n'avez aucune notification.
notifications-what = Notification
notifications-agreement = Accord
notifications-received = Reçue le
notification-short-step_assigned = Étape d'examen qui vous est assignée
notification-short-step_overdue = Étape d'examen en retard
notification-short-changes_requested = Modifications demandées
notification-short-rejected = Accord rejeté
notification-short-chain_cleared = Chaîne d'examen validée
notification-short-signed = Signé par toutes les parties
notification-short-in_force = Entrée en vigueur
notification-short-expiring = Expiration prochaine
notification-short-notice_deadline = Délai de préavis proche
notification-short-expired = Accord expiré
notification-short-renewed = Renouvellement automatique
notification-step_assigned = Une étape d'examen attend votre décision, au plus tard le { $date }.
notification-step_overdue = L'étape d'examen était due le { $date } et reste ouverte.
notification-changes_requested = Les examinateurs ont demandé des modifications ; l'accord revient en négociation.
notification-rejected = L'accord a été rejeté lors de l'examen.
notification-chain_cleared = La chaîne d'examen est validée : l'accord peut être signé.
notification-signed = Toutes les parties ont signé : l'accord attend sa validation.
notification-in_force = L'accord est entré en vigueur le { $date }.
notification-expiring = L'accord expire le { $date } ({ $when }).
notification-notice_deadline = L'accord se renouvelle automatiquement le { $renewal } ; le délai de préavis pour s'opposer au renouvellement expire le { $date } ({ $when }).
notification-expired = L'accord a expiré le { $date }.
notification-renewed = L'accord a été renouvelé automatiquement par { $successor }.
notification-in-days = { $days ->
    [0] aujourd'hui
    [one] demain
   *[other] dans { $days } jours
}
notification-comment = Commentaire : « { $comment } »
notification-mail-subject = [Accord] { $reference } — { $summary }
notification-mail-greeting = Bonjour { $name },
notification-mail-open = Ouvrir l'accord : { $url }
notification-mail-footer = Vous recevez ce message en raison de votre rôle dans cet accord. Toutes vos notifications : { $url }
calendar-name = Accord : { $name }
calendar-review-due = Examen à rendre : { $reference }
calendar-signature = Signature : { $reference }
calendar-entry-into-force = Entrée en vigueur : { $reference }
calendar-expiry = Expiration : { $reference }
calendar-notice-deadline = Délai de préavis : { $reference }
calendar-title = Flux d'agenda
calendar-lead = Abonnez votre application d'agenda à cette adresse pour voir les échéances d'examen, les signatures, les entrées en vigueur, les expirations et les délais de préavis.
calendar-url-label = Adresse du flux
calendar-private-hint = Toute personne qui connaît cette adresse peut lire le flux : gardez-la confidentielle.
calendar-reset = Réinitialiser le lien
calendar-reset-hint = L'ancienne adresse cesse aussitôt de fonctionner.
