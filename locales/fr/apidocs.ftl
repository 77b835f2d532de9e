## La page de référence de l'API (/api). Les résumés et descriptions des
## opérations proviennent du document OpenAPI et restent en anglais.

apidocs-title = Référence de l'API
apidocs-lead = Tout ce que vous pouvez faire dans ces pages, un programme peut le faire au moyen de l'API JSON, selon les mêmes règles d'accès.
apidocs-download = Document OpenAPI (JSON)
apidocs-create-token = Créer un jeton

apidocs-intro-title = Premiers pas
apidocs-base-title = Adresse de base
apidocs-base-text = Toutes les opérations ci-dessous se trouvent sous cette adresse (les contrôles d'état sont à la racine du site). Les requêtes et les réponses sont en JSON, encodé en UTF-8, à l'exception des exports de fichiers.
apidocs-auth-title = Authentification
apidocs-auth-text = Envoyez un jeton d'accès personnel avec chaque requête, dans l'en-tête Authorization :
apidocs-auth-where = Créez un jeton dans la section « Jetons d'API personnels » de votre page de profil. Il ne s'affiche qu'une seule fois : copiez-le à ce moment-là.
apidocs-auth-profile = Aller à mon profil
apidocs-auth-cli = Un administrateur peut aussi émettre un jeton sur le serveur ; il s'affiche une seule fois :
apidocs-auth-try = Pour l'essayer, conservez le jeton dans une variable et demandez qui vous êtes :
apidocs-auth-scope = Un jeton agit en votre nom, avec votre rôle : il ne voit et ne modifie que ce qui vous est permis. Révoquez-le sur votre page de profil lorsqu'il n'est plus utile. Les pages de ce site utilisent quant à elles un cookie de session.
apidocs-errors-title = Erreurs
apidocs-errors-text = Une erreur renvoie un statut HTTP et un objet JSON : « code » est un code stable destiné aux programmes, « message » l'explique dans la langue de l'en-tête Accept-Language (arabe, anglais ou français) et « details » apporte des précisions. En cas de données non valides, chaque champ non valide est indiqué avec ses codes d'erreur.
apidocs-status-400 = Le corps de la requête n'est pas un JSON valide, ou n'est pas un objet JSON.
apidocs-status-401 = Aucun jeton, ou un jeton non valide (ou révoqué).
apidocs-status-403 = Votre rôle ne permet pas cette action.
apidocs-status-404 = Fiche inexistante, ou que vous n'êtes pas autorisé à voir.
apidocs-status-409 = Conflit : la fiche a changé depuis que vous l'avez lue, ou une valeur est déjà utilisée.
apidocs-status-413 = La requête est trop volumineuse.
apidocs-status-415 = Le corps de la requête n'est pas envoyé au format application/json.
apidocs-status-422 = Certains champs ou paramètres ne sont pas valides ; « details.fields » indique lesquels et pourquoi.
apidocs-paging-title = Listes et pagination
apidocs-paging-text = Une liste renvoie une page d'éléments, le nombre total de résultats et un curseur. Pour lire la page suivante, renvoyez la même requête avec « cursor » égal au « next_cursor » reçu ; il vaut null sur la dernière page. « limit » fixe la taille de la page (de 1 à 200, 50 par défaut) et « sort » l'ordre de tri (un champ, ou ce champ précédé du signe moins pour l'ordre décroissant). Un paramètre ou une valeur de filtre inconnus constituent une erreur, jamais une liste vide.
apidocs-versions-title = Versions et conflits
apidocs-versions-text = Chaque fiche a une « version » qui augmente à chaque modification. Pour modifier une fiche, envoyez une requête PATCH contenant uniquement les champs à modifier et la dernière version que vous avez lue (dans le corps de la requête ou dans un en-tête If-Match). Si quelqu'un a modifié la fiche entre-temps, la réponse est 409, avec le code « version_conflict » et la fiche actuelle dans « details.current » : rien n'est écrasé. Appliquez votre modification à la fiche actuelle et renvoyez-la.
apidocs-languages-title = Langues
apidocs-languages-text = Les noms et intitulés donnés en plusieurs langues sont des objets avec les clés « ar », « en » et « fr » ; lorsqu'ils sont obligatoires, au moins l'une d'elles est requise. Les dates s'écrivent AAAA-MM-JJ, les pays par leur code ISO à deux lettres et les unités par leur code.

apidocs-contents = Sommaire
apidocs-tag-partners = Partenaires
apidocs-tag-contacts = Contacts
apidocs-tag-reference-data = Données de référence
apidocs-tag-users = Utilisateurs
apidocs-tag-system = Système
apidocs-public = Aucune authentification requise

apidocs-parameters = Paramètres
apidocs-body = Corps de la requête
apidocs-responses = Réponses
apidocs-example = Exemple
apidocs-name = Nom
apidocs-field = Champ
apidocs-in = Emplacement
apidocs-in-path = chemin
apidocs-in-query = chaîne de requête
apidocs-in-header = en-tête
apidocs-type = Type
apidocs-required = Obligatoire
apidocs-yes = Oui
apidocs-no = Non
apidocs-description = Description
apidocs-status = Statut
apidocs-content = Contenu
apidocs-one-of = Valeurs possibles :
apidocs-default = Par défaut :
apidocs-range = Plage :
apidocs-values = Valeurs :
apidocs-types-title = Types de données
apidocs-types-lead = La structure des corps que les opérations reçoivent et renvoient.
