## Administration : sous-navigation
admin-nav-label = Administration
admin-nav-users = Utilisateurs
admin-nav-units = Unités
admin-nav-countries = Pays

## Administration : utilisateurs
admin-users-title = Utilisateurs
admin-users-count = { $count ->
    [0] Aucun utilisateur
    [one] Un utilisateur
   *[other] { $count } utilisateurs
}
admin-users-add = Ajouter un utilisateur
admin-users-new-title = Ajouter un utilisateur
admin-users-edit-title = Modifier { $name }
admin-users-empty = Aucun utilisateur pour l'instant.
admin-users-back = Tous les utilisateurs
admin-users-disabled = Désactivé
admin-users-enabled = Actif
admin-col-unit-or-organization = Unité ou organisation
admin-unit-hint = Obligatoire pour les points focaux techniques : le secteur, le centre ou le département pour lequel ils donnent leur avis.
admin-field-lang = Langue
admin-lang-default = Selon la langue du navigateur
admin-field-organization = Organisation partenaire (identifiant)
admin-organization-hint = Uniquement pour les utilisateurs partenaires : l'identifiant de leur organisation, tel qu'il figure dans l'adresse de la page du partenaire.
admin-field-disabled = Désactivé
admin-disabled-hint = Un utilisateur désactivé ne peut plus se connecter ; ses sessions et ses jetons d'API cessent immédiatement de fonctionner.
admin-field-initial-password = Mot de passe initial
admin-field-reset-password = Nouveau mot de passe
admin-reset-password-hint = Laissez vide pour conserver le mot de passe actuel. Un nouveau mot de passe met fin aux sessions de l'utilisateur.

## Administration : unités
admin-units-title = Unités
admin-units-count = { $count ->
    [0] Aucune unité
    [one] Une unité
   *[other] { $count } unités
}
admin-units-add = Ajouter une unité
admin-units-edit-title = Modifier l'unité { $code }
admin-units-back = Toutes les unités
admin-units-users = Utilisateurs
admin-units-inactive = Inactive
admin-field-code = Code
admin-code-hint = Lettres, chiffres et tirets, 12 au maximum (par exemple ED). Il ne pourra plus être modifié.
admin-field-active = Active
admin-active-hint = Les unités inactives restent sur les fiches existantes, mais ne sont plus proposées pour les nouveaux utilisateurs.
admin-unit-kind-sector = Secteur
admin-unit-kind-centre = Centre
admin-unit-kind-department = Département
admin-unit-kind-directorate = Direction

## Pays et adhésion
countries-title = Pays
countries-lead = Tous les États, avec leur statut d'adhésion à l'Organisation.
countries-count = { $count ->
    [0] Aucun pays
    [one] Un pays
   *[other] { $count } pays
}
countries-counts-label = Pays par statut d'adhésion
countries-banner-title = La liste des adhésions n'a pas encore été vérifiée
countries-banner-text = Les statuts d'adhésion fournis avec Accord proviennent d'une liste publique et peuvent ne pas être à jour. { $count ->
    [one] Un pays est marqué « non vérifié » jusqu'à ce qu'un administrateur confirme son statut.
   *[other] { $count } pays sont marqués « non vérifié » jusqu'à ce qu'un administrateur confirme leur statut.
}
countries-stat-unverified = Statuts non vérifiés
countries-field-verification = Vérification
countries-verified-only = Vérifiés uniquement
countries-unverified-only = Non vérifiés uniquement
countries-none-found = Aucun pays ne correspond à ces filtres
countries-col-code = Code
countries-iso-codes = Codes ISO
countries-oic = Membre de l'OCI
countries-yes = Oui
countries-no = Non
countries-verified = Vérifié
countries-unverified = Non vérifié
countries-field-since = Date d'effet
countries-since = depuis le { $date }
countries-since-unknown = Date non enregistrée
countries-since-hint = La date à laquelle le statut a pris effet, si elle est connue.
countries-partners-link = Les voir dans la liste des partenaires
countries-change-title = Modifier le statut d'adhésion
countries-field-verified = Vérifié par un administrateur
countries-field-note = Note
countries-note-hint = La source de l'information : une décision, une lettre, une notification.
countries-confirm = Confirmer comme vérifié
countries-confirm-hint = Le statut et la date affichés sont exacts.
countries-history-title = Historique des adhésions

## Erreurs des formulaires d'administration
error-only_for_partners = Seuls les utilisateurs partenaires sont rattachés à une organisation.
error-cannot_lock_out_self = Vous ne pouvez ni désactiver votre propre compte ni retirer votre propre rôle d'administrateur.
error-read_only = Ce champ ne peut pas être modifié.
