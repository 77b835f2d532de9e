## Interface et navigation
skip-to-content = Aller au contenu
nav-label = Menu principal
nav-home = Accueil
nav-partners = Partenaires
nav-contacts = Contacts
nav-countries = Pays
nav-admin = Administration
nav-api = API
logout = Se déconnecter
footer-text = Accord — partenariats, accords et rayonnement.
back-home = Retour à la page d'accueil
back = Retour
actions = Actions
details = Détails
edit = Modifier
save = Enregistrer
cancel = Annuler
search = Rechercher
search-hint = N'importe quel nom, en arabe, en anglais ou en français ; les accents et les signes diacritiques sont sans importance.
filter = Filtrer
clear = Effacer les filtres
any = Indifférent
none = Non renseigné
choose = Choisir…
created = Date de création
updated = Dernière mise à jour
pages = Pages
first-page = Première page
next-page = Page suivante
showing-of = Affichage de { $shown } sur { $total }
filters-ignored = Certains filtres ont été ignorés
errors-title = { $count ->
    [one] Veuillez corriger un champ
   *[other] Veuillez corriger { $count } champs
}

## Langues
lang-ar = Arabe
lang-en = Anglais
lang-fr = Français

## Mois (abrégés)
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.

## Messages après une action
notice-created = Création effectuée.
notice-saved = Modifications enregistrées.
notice-merged = Les partenaires ont été fusionnés.
notice-token-created = Votre nouveau jeton d'API s'affiche ci-dessous.
notice-password-changed = Votre mot de passe a été modifié. Veuillez vous reconnecter.
notice-user-created = L'utilisateur a été créé.
notice-logged-out = Votre session est fermée.
notice-revoked = Le jeton a été révoqué.

## Connexion
login-title = Connexion
login-lead = Le système de référence du bureau des partenariats.
login-button = Se connecter
login-failed = L'adresse électronique ou le mot de passe est incorrect.
login-throttled = Trop de tentatives infructueuses. Réessayez dans { $minutes } minutes.

## Profil et jetons
profile-title = Mon profil
profile-account = Compte
profile-password = Mot de passe
profile-change-password = Changer le mot de passe
password-hint = Au moins { $min } caractères.
tokens-title = Jetons d'API personnels
tokens-lead = Un jeton permet à un programme d'utiliser l'API JSON en votre nom. Envoyez-le dans l'en-tête « Authorization: Bearer », suivi du jeton.
tokens-copy-now = Copiez ce jeton maintenant : il ne sera plus affiché.
tokens-name = Nom du jeton
tokens-create = Créer un jeton
tokens-created = Créé le
tokens-last-used = Dernière utilisation
tokens-revoke = Révoquer
tokens-revoked = Révoqué

## Rôles
role-admin = Administrateur
role-officer = Chargé des partenariats
role-legal = Affaires juridiques
role-technical = Point focal technique
role-director = Direction générale
role-finance = Finances
role-viewer = Lecteur
role-partner = Partenaire

## Champs
field-name = Nom
field-email = Adresse électronique
field-password = Mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-role = Rôle
field-unit = Unité
field-acronym = Sigle
field-kind = Type
field-country = Pays
field-parent-id = Organisation mère
field-status = Statut
field-website = Site web
field-phone = Téléphone
field-identifiers = Identifiants
field-tags = Étiquettes
field-tag = Étiquette
field-risk = Risque
field-notes = Notes
field-membership = Adhésion
field-q = Recherche
field-sort = Tri
field-cursor = Page
field-limit = Éléments par page
field-version = Version
field-from = Partenaire à fusionner
field-name-alt = Nom dans une autre écriture
field-honorific = Titre de civilité
field-languages = Langues
field-positions = Fonctions
field-body = Corps de la requête
name-hint = Indiquez le nom dans au moins une langue ; le donner dans les trois aide vos collègues à le retrouver.
tags-hint = Séparez les étiquettes par des virgules.
identifiers-hint = Un par ligne, sous la forme « schéma: valeur », par exemple « iati: XM-DAC-41304 ».

## Types de partenaires
kind-government = Gouvernement ou ministère
kind-national_commission = Commission nationale
kind-diplomatic_mission = Mission diplomatique
kind-intergovernmental = Organisation intergouvernementale ou organisme des Nations Unies
kind-regional_organization = Organisation régionale
kind-ngo = Organisation non gouvernementale
kind-academic = Université ou centre de recherche
kind-private_sector = Entreprise privée
kind-foundation = Fondation ou bailleur de fonds
kind-media = Média

## Statuts des partenaires
status-prospect = Potentiel
status-active = Actif
status-dormant = En sommeil
status-blocked = Bloqué

## Risque
risk-low = Faible
risk-medium = Moyen
risk-high = Élevé

## Adhésion
membership-member = État membre
membership-observer = État observateur
membership-non_member = État non membre

## Pouvoir de signature
authority-none = Aucun pouvoir de signature
authority-full_powers = Pleins pouvoirs
authority-delegation = Délégation de signature

## Partenaires
partners-new = Nouveau partenaire
partners-count = { $count ->
    [0] Aucun partenaire
    [one] Un partenaire
   *[other] { $count } partenaires
}
partners-edit-title = Modifier { $name }
partners-empty-title = Aucun partenaire pour l'instant
partners-empty-text = Enregistrez les organisations avec lesquelles vous travaillez : ministères, commissions nationales, missions, organismes des Nations Unies, universités, ONG, bailleurs de fonds.
partners-none-found = Aucun partenaire ne correspond à ces filtres
partners-none-found-text = Essayez avec moins de filtres ou une autre orthographe.
partners-children = Organisations membres et antennes
partners-col-name = Nom
partners-col-country = Pays
partners-col-kind = Type
partners-col-status = Statut
partners-col-updated-at = Dernière modification
export-csv = Exporter en CSV
export-xlsx = Exporter en Excel
duplicates-title = Ce partenaire existe peut-être déjà
duplicates-text = Ces partenaires ont des noms proches. Ouvrez-les pour vérifier, ou confirmez qu'il s'agit d'une autre organisation.
duplicates-confirm = Il s'agit d'une autre organisation : la créer quand même
conflict-title = Quelqu'un d'autre a modifié cette fiche
conflict-text = Elle a été modifiée après que vous l'avez ouverte. Vos valeurs sont conservées ci-dessous : consultez la fiche actuelle, puis enregistrez de nouveau pour la remplacer.
conflict-see-current = Voir la fiche actuelle (nouvel onglet)
merge = Fusionner un doublon
merge-title = Fusionner un doublon dans { $name }
merge-lead = Le partenaire choisi disparaîtra : ses contacts, ses antennes, ses utilisateurs et son historique seront transférés ici, et ses informations combleront les lacunes de celui-ci.
merge-search = Rechercher le doublon
merge-none = Aucun doublon probable. Recherchez par nom ci-dessus.
merge-candidates = Candidats
merge-into-this = Fusionner dans ce partenaire
merge-confirm = Fusionner ce partenaire dans le partenaire actuel ? Cette opération est irréversible.
contacts-add = Ajouter un contact
contacts-current = Personnes
contacts-none-current = Personne n'occupe actuellement de poste ici.
contacts-past = Anciens postes
position-now = aujourd'hui
position-ended = terminé

## Accueil
home-welcome = Bienvenue, { $name }
home-lead = Le registre des partenaires en un coup d'œil.
home-active-partners = Partenaires actifs
home-member-states = États membres
home-partners-by-kind = Partenaires par type

## Historique
history-title = Historique
history-empty = Aucune modification enregistrée pour l'instant.
history-system = Système
history-field = Champ
history-before = Avant
history-after = Après
history-changes = { $count ->
    [one] Une modification
   *[other] { $count } modifications
}
action-create = a créé la fiche
action-update = a modifié la fiche
action-merge = a fusionné un doublon dans cette fiche
action-merged_into = a fusionné cette fiche dans une autre
action-login = s'est connecté
action-set_language = a changé de langue
action-set_password = a changé de mot de passe
action-create_token = a créé un jeton d'API
action-revoke_token = a révoqué un jeton d'API
action-update_membership = a modifié l'adhésion
action-load = a chargé les données de référence

## En-têtes des exports
export-id = ID
export-name-ar = Nom (arabe)
export-name-en = Nom (anglais)
export-name-fr = Nom (français)
export-acronym = Sigle
export-kind = Type
export-country = Pays
export-status = Statut
export-website = Site web
export-email = Courriel
export-phone = Téléphone
export-tags = Étiquettes
export-risk = Risque
export-identifiers = Identifiants
export-notes = Notes
export-created-at = Date de création
export-updated-at = Dernière modification

## Erreurs (codes de l'API et des formulaires)
error-title-400 = Requête incorrecte
error-title-403 = Action non autorisée
error-title-404 = Page introuvable
error-title-409 = Conflit
error-title-422 = Données non valides
error-title-500 = Une erreur s'est produite
error-not_found = Il n'y a rien ici, ou vous n'êtes pas autorisé à le voir.
error-forbidden = Votre rôle ne permet pas cette action.
error-unauthorized = Veuillez vous connecter ou envoyer un jeton d'API valide.
error-csrf_failed = Le formulaire a expiré ou ne provient pas d'Accord. Rechargez la page et réessayez.
error-validation_failed = Certains champs ne sont pas valides.
error-version_conflict = Quelqu'un d'autre a modifié cette fiche depuis que vous l'avez consultée.
error-duplicate = Cette valeur est déjà utilisée.
error-internal_error = Une erreur interne s'est produite. Elle a été consignée.
error-malformed_json = Le corps de la requête n'est pas un JSON valide.
error-expected_object = Le corps de la requête doit être un objet JSON.
error-unsupported_media_type = Envoyez le corps de la requête au format application/json.
error-method_not_allowed = Cette méthode n'est pas autorisée ici.
error-not_ready = La base de données ne répond pas.
error-required = Obligatoire.
error-too_long = Trop long.
error-too_many = Trop de valeurs.
error-invalid_choice = Ne fait pas partie des valeurs autorisées.
error-invalid_email = Adresse électronique non valide.
error-invalid_url = Adresse web non valide (elle doit commencer par https://).
error-invalid_phone = Numéro de téléphone non valide.
error-invalid_date = Date non valide (AAAA-MM-JJ).
error-invalid_country = Code de pays non valide (deux lettres, par exemple MA).
error-unknown_country = Pays inconnu.
error-invalid_tag = Une étiquette compte de 1 à 40 caractères, sans virgule.
error-invalid_identifier = Écrivez chaque identifiant sous la forme « schéma: valeur ».
error-invalid_id = Identifiant non valide.
error-invalid_language = Code de langue non valide (deux lettres, par exemple ar).
error-invalid_type = Type de valeur incorrect.
error-invalid_sort = Tri impossible selon ce critère.
error-invalid_cursor = Ce lien de page n'est plus valide.
error-invalid_code = Utilisez des lettres, des chiffres et des tirets (12 au maximum).
error-unknown_field = Champ inconnu.
error-unknown_parameter = Paramètre inconnu.
error-unknown_partner = Partenaire inconnu.
error-unknown_unit = Unité inconnue.
error-self_reference = Une fiche ne peut pas renvoyer à elle-même.
error-cycle = Cela créerait une boucle.
error-before_start = La date de fin précède la date de début.
error-out_of_range = Valeur hors limites.
error-wrong_password = Le mot de passe actuel est incorrect.
error-password_too_short = Le mot de passe doit comporter au moins { $min } caractères.
error-too_large = Trop volumineux.
error-bad_request = La requête n’est pas valide.
