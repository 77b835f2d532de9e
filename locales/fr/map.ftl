# La carte du monde des adhésions.
nav-map = Carte
map-title = Carte du monde
map-lead = Chaque État selon son statut, avec ses partenaires et ses accords en vigueur. Choisissez un État pour ouvrir sa fiche.
map-heading = Les adhésions dans le monde
map-hint = Survolez ou atteignez un État au clavier pour voir ses chiffres. Les observateurs sont hachurés et cernés ; le tableau ci-dessous reprend les mêmes chiffres.
map-skip-to-table = Aller au tableau
map-svg-label = Carte du monde des États membres, observateurs et non membres
map-table-caption = Les États, leur statut, leurs partenaires et leurs accords en vigueur
map-col-country = État
map-col-partners = Partenaires
map-col-agreements = Accords en vigueur
map-partners = { $count ->
    [one] { $count } partenaire
   *[other] { $count } partenaires
}
map-agreements = { $count ->
    [one] { $count } accord en vigueur
   *[other] { $count } accords en vigueur
}
map-country-title = Sur la carte
map-country-hint = L’État est cerné de noir.
