## L’API des accords : ses messages d’erreur et son groupe dans la page de référence de l’API
error-terms_locked = Les termes sont arrêtés une fois la négociation terminée : modifiez-les par un avenant.
error-unknown_version = Cet accord n’a pas de version de projet portant ce numéro.
apidocs-tag-agreements = Accords
