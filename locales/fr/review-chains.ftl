## Administration of review chains
chains-nav = Circuits d’examen
chains-title = Circuits d’examen
chains-lead = Pour chaque type d’accord, les étapes que suit un projet soumis, dans l’ordre. Une modification s’applique à la prochaine soumission.
chains-default = par défaut
chains-lead-unit = l’unité chef de file de l’accord
chains-any-unit = toute unité
chains-step-summary = { $role } ({ $unit }), { $days } jours
chains-edit-title = Circuit d’examen : { $kind }
chains-edit-lead = Choisissez un rôle, une unité et le délai de chaque étape ; laissez le rôle vide pour supprimer une étape.
chains-step = Étape { $number }
chains-no-step = Aucune étape
chains-days = Délai (jours)
