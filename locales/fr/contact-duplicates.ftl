# Contacts probablement en double et fusion.
contact-duplicates-title = Cette personne est peut-être déjà enregistrée
contact-duplicates-text = Ces contacts ont un nom proche ou la même adresse électronique. Ouvrez-les pour vérifier, ou confirmez qu’il s’agit de quelqu’un d’autre.
contact-duplicates-same-email = Même adresse électronique
contact-duplicates-confirm = C’est quelqu’un d’autre : créer le contact quand même
contact-merge-title = Doublons probables
contact-merge-lead = La fusion déplace ici les fonctions et l’historique de l’autre contact et complète les informations manquantes de celui-ci ; l’autre contact disparaît ensuite. Cette opération est irréversible.
contact-merge-into-this = Fusionner dans ce contact
notice-contacts-merged = Les contacts ont été fusionnés.
