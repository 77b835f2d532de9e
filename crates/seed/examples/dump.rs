fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let t = std::time::Instant::now();
    let list = accord_seed::partners(n, 1);
    eprintln!("partners({n}) in {:?}", t.elapsed());
    for (i, p) in list.iter().enumerate() {
        let x = &p.input;
        println!("{i}\t{}\t{}\t{:?}\t{}\t{}\t{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}",
            x.kind.as_deref().unwrap_or(""), x.country.as_deref().unwrap_or(""), x.acronym,
            x.name.en.as_deref().unwrap_or("-"), x.name.fr.as_deref().unwrap_or("-"), x.name.ar.as_deref().unwrap_or("-"),
            x.status, x.website, x.email, x.phone, x.identifiers.iter().map(|i| format!("{}:{}", i.scheme, i.value)).collect::<Vec<_>>(), x.tags, x.risk, x.notes);
    }
    if args.get(2).is_some() {
        let ids: Vec<_> = list.iter().enumerate().map(|(i, p)| (uuid::Uuid::from_u128(i as u128 + 1), accord_domain::partner::PartnerKind::parse(p.input.kind.as_deref().unwrap()).unwrap(), p.input.country.clone())).collect();
        let t = std::time::Instant::now();
        let cs = accord_seed::contacts(&ids, 3, 1);
        eprintln!("contacts: {} in {:?}", cs.len(), t.elapsed());
        for c in cs.iter().take(60) {
            let x = &c.input;
            println!("{:?} | {:?} | {:?} | {:?} | {:?} | {:?} | {:?}", x.honorific, x.name, x.name_alt, x.email, x.phone, x.languages, x.notes);
            for p in &x.positions {
                println!("    {} {:?} {:?}..{:?} {:?} {:?}", p.partner_id.as_deref().unwrap_or("").trim_start_matches("00000000-0000-0000-0000-"), p.title, p.from, p.to, p.signing_authority, p.authority_document);
            }
        }
    }
}
