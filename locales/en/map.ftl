# The world map of membership.
nav-map = Map
map-title = World map
map-lead = Every state by its membership, with the partners and active agreements there. Select a state to open its page.
map-heading = Membership around the world
map-hint = Hover or focus a state to see its figures. Observers are hatched and outlined; the table below lists the same figures.
map-skip-to-table = Skip to the table
map-svg-label = World map of member states, observers and non-members
map-table-caption = States, their membership, partners and active agreements
map-col-country = State
map-col-partners = Partners
map-col-agreements = Active agreements
map-partners = { $count ->
    [one] one partner
   *[other] { $count } partners
}
map-agreements = { $count ->
    [one] one active agreement
   *[other] { $count } active agreements
}
map-country-title = On the map
map-country-hint = The state is outlined in black.
