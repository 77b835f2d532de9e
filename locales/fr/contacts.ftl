## Contacts (liste, fiche et formulaire)
contacts-new = Nouveau contact
contacts-count = { $count ->
    [0] Aucun contact
    [one] Un contact
   *[other] { $count } contacts
}
contacts-edit-title = Modifier { $name }
contacts-search-hint = Un nom dans n'importe quelle écriture, une adresse électronique ou un intitulé de poste ; les accents et les signes diacritiques sont sans importance.
contacts-filtered-by-partner = Personnes qui occupent ou ont occupé un poste auprès de
contacts-empty-title = Aucun contact pour l'instant
contacts-empty-text = Enregistrez les personnes avec qui vous traitez chez les partenaires : ouvrez la page d'un partenaire et choisissez « Ajouter un contact », ou créez un contact ici et indiquez le partenaire dans un poste.
contacts-empty-text-readonly = Les chargés des partenariats enregistrent les personnes des organisations partenaires ; elles seront répertoriées ici.
contacts-none-found = Aucun contact ne correspond à cette recherche
contacts-none-found-text = Essayez une autre orthographe, une partie du nom, ou effacez la recherche.
contacts-col-positions = Postes actuels
contacts-no-current-position = Aucun poste actuel.
contacts-positions-current = Postes
contacts-position-legend = Poste { $number }
contacts-position-new = Autre poste (facultatif)
contacts-position-field = Poste { $number } : { $field }
contacts-positions-hint = Laissez une ligne vide pour l'ignorer ; pour supprimer un poste, videz tous ses champs. Indiquez une date de fin lorsqu'un poste prend fin : il est alors conservé comme ancien poste.
contacts-partner-is = Partenaire :
contacts-partner-hint = L'identifiant du partenaire. Sur la page du partenaire, le bouton « Ajouter un contact » le renseigne.
contacts-to-hint = Laissez vide tant que le poste est occupé.
contacts-authority-document-hint = L'instrument de pleins pouvoirs ou la délégation, avec sa référence et sa date.
contacts-honorific-hint = Par exemple S. E., Dr, Pr.
contacts-name-alt-hint = Le nom dans une autre écriture, par exemple en arabe.
contacts-languages-hint = Codes à deux lettres séparés par des virgules, par exemple ar, fr.

## Champs des contacts
contacts-field-honorific = Titre de civilité
contacts-field-name-alt = Nom dans une autre écriture
contacts-field-languages = Langues
contacts-field-positions = Postes
contacts-field-partner-id = Partenaire
contacts-field-title = Intitulé du poste
contacts-field-from = Date de début
contacts-field-to = Date de fin
contacts-field-signing-authority = Pouvoir de signature
contacts-field-authority-document = Document d'habilitation

## Erreurs
error-unknown_position = Ce contact n'a pas de tel poste.
