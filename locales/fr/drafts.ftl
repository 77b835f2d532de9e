## Versions de projet : dépôt, comparaison, téléchargements
drafts-new-title = Déposer une version du projet
drafts-in-review-warning = Cet accord est en examen. Une nouvelle version annule les visas déjà donnés, et le circuit d’examen reprend à sa première étape.
drafts-file-hint = Un fichier Word (.docx), OpenDocument (.odt), PDF, texte ou Markdown d’au plus { $mb } Mo. Le type est vérifié d’après le contenu du fichier, non d’après son nom.
drafts-note-hint = Facultatif : ce qui a changé, qui l’a envoyé, ce qui reste ouvert.
drafts-upload-button = Déposer le projet
drafts-direction-internal = Interne
drafts-direction-to_partner = Envoyé au partenaire
drafts-direction-from_partner = Reçu du partenaire
drafts-compare-title = Comparer des versions du projet
drafts-compare-from = Version antérieure
drafts-compare-to = Version plus récente
drafts-compare-button = Comparer
field-compare-from = Version antérieure
field-compare-to = Version plus récente
drafts-version-n = Version { $number }
drafts-redline-title = Modifications de la version { $from } à la version { $to }
drafts-stats-inserted = { $count ->
    [one] { $count } mot inséré
   *[other] { $count } mots insérés
}
drafts-stats-deleted = { $count ->
    [one] { $count } mot supprimé
   *[other] { $count } mots supprimés
}
drafts-legend-before = Lecture :
drafts-legend-inserted = le texte inséré est souligné
drafts-legend-deleted = le texte supprimé est barré
drafts-no-changes = Les deux versions ont le même texte.
drafts-inserted-start = Inséré :
drafts-deleted-start = Supprimé :
drafts-need-two = Il faut deux versions du projet pour les comparer.
drafts-versions-title = Versions
drafts-col-version = Version
drafts-col-round = Cycle
drafts-col-date = Déposée le
drafts-col-author = Par
drafts-no-text = texte illisible
error-empty_file = Le fichier est vide.
error-no_text = Le texte de cette version n’a pas pu être lu (un PDF numérisé, par exemple) : elle ne peut pas être comparée.
