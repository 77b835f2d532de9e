//! Pools of personal names by region. Arab names carry their Arabic spelling.

use crate::data::Pool;

/// Names of one region: (Latin script, Arabic script or "").
pub(crate) struct NamePool {
    pub male: &'static [(&'static str, &'static str)],
    pub female: &'static [(&'static str, &'static str)],
    pub family: &'static [(&'static str, &'static str)],
    /// Family names take a feminine ending ("Karimov" → "Karimova").
    pub slavic_feminine: bool,
    /// Language sets the people of the region commonly work in.
    pub languages: &'static [&'static [&'static str]],
}

macro_rules! latin {
    ($($name:literal),* $(,)?) => { &[$(($name, "")),*] };
}

static MAGHREB: NamePool = NamePool {
    male: &[
        ("Mohamed", "محمد"),
        ("Youssef", "يوسف"),
        ("Omar", "عمر"),
        ("Karim", "كريم"),
        ("Hicham", "هشام"),
        ("Rachid", "رشيد"),
        ("Abdelaziz", "عبد العزيز"),
        ("Said", "سعيد"),
        ("Mehdi", "المهدي"),
        ("Anouar", "أنور"),
        ("Driss", "إدريس"),
        ("Hamza", "حمزة"),
        ("Khalid", "خالد"),
        ("Noureddine", "نور الدين"),
        ("Mustapha", "مصطفى"),
        ("Abdellah", "عبد الله"),
    ],
    female: &[
        ("Fatima Zahra", "فاطمة الزهراء"),
        ("Khadija", "خديجة"),
        ("Amina", "أمينة"),
        ("Nadia", "نادية"),
        ("Salma", "سلمى"),
        ("Zineb", "زينب"),
        ("Meriem", "مريم"),
        ("Houda", "هدى"),
        ("Samira", "سميرة"),
        ("Leila", "ليلى"),
        ("Asmae", "أسماء"),
        ("Ilham", "إلهام"),
        ("Najat", "نجاة"),
        ("Siham", "سهام"),
    ],
    family: &[
        ("Benali", "بن علي"),
        ("El Amrani", "العمراني"),
        ("Alaoui", "العلوي"),
        ("Bennani", "بناني"),
        ("El Idrissi", "الإدريسي"),
        ("Tazi", "التازي"),
        ("El Fassi", "الفاسي"),
        ("Berrada", "برادة"),
        ("Chraibi", "الشرايبي"),
        ("Benjelloun", "بنجلون"),
        ("Ouazzani", "الوزاني"),
        ("Bouzid", "بوزيد"),
        ("Belkacem", "بلقاسم"),
        ("Trabelsi", "الطرابلسي"),
        ("Ben Salah", "بن صالح"),
        ("Mansouri", "المنصوري"),
        ("Zerhouni", "الزرهوني"),
        ("Ould Ahmed", "ولد أحمد"),
        ("Kettani", "الكتاني"),
        ("Lahlou", "لحلو"),
        ("Saidi", "السعيدي"),
        ("Ait Ahmed", "آيت أحمد"),
    ],
    slavic_feminine: false,
    languages: &[
        &["ar", "fr"],
        &["ar", "fr", "en"],
        &["fr", "ar"],
        &["ar", "fr", "es"],
    ],
};

static MASHRIQ: NamePool = NamePool {
    male: &[
        ("Ahmed", "أحمد"),
        ("Mohammed", "محمد"),
        ("Mahmoud", "محمود"),
        ("Hassan", "حسن"),
        ("Hussein", "حسين"),
        ("Mustafa", "مصطفى"),
        ("Tarek", "طارق"),
        ("Sami", "سامي"),
        ("Walid", "وليد"),
        ("Ibrahim", "إبراهيم"),
        ("Ali", "علي"),
        ("Ayman", "أيمن"),
        ("Osama", "أسامة"),
        ("Yasser", "ياسر"),
        ("Abdelrahman", "عبد الرحمن"),
        ("Ziad", "زياد"),
    ],
    female: &[
        ("Rania", "رانيا"),
        ("Dina", "دينا"),
        ("Hala", "هالة"),
        ("Mona", "منى"),
        ("Noor", "نور"),
        ("Lina", "لينا"),
        ("Reem", "ريم"),
        ("Yasmine", "ياسمين"),
        ("Heba", "هبة"),
        ("Aya", "آية"),
        ("Sarah", "سارة"),
        ("Maha", "مها"),
        ("Eman", "إيمان"),
        ("Ghada", "غادة"),
    ],
    family: &[
        ("El-Sayed", "السيد"),
        ("Abdel Fattah", "عبد الفتاح"),
        ("Khoury", "خوري"),
        ("Haddad", "حداد"),
        ("Mansour", "منصور"),
        ("Nasser", "ناصر"),
        ("Saleh", "صالح"),
        ("Farouk", "فاروق"),
        ("Hamdan", "حمدان"),
        ("Khalil", "خليل"),
        ("Abu Zeid", "أبو زيد"),
        ("Al-Masri", "المصري"),
        ("Darwish", "درويش"),
        ("Jaber", "جابر"),
        ("Barakat", "بركات"),
        ("Shalaby", "شلبي"),
        ("Al-Tamimi", "التميمي"),
        ("Al-Jubouri", "الجبوري"),
        ("Osman", "عثمان"),
        ("Abdi", "عبدي"),
    ],
    slavic_feminine: false,
    languages: &[&["ar", "en"], &["ar", "en", "fr"], &["ar"], &["ar", "fr"]],
};

static GULF: NamePool = NamePool {
    male: &[
        ("Abdullah", "عبد الله"),
        ("Faisal", "فيصل"),
        ("Khalid", "خالد"),
        ("Sultan", "سلطان"),
        ("Saud", "سعود"),
        ("Turki", "تركي"),
        ("Nawaf", "نواف"),
        ("Hamad", "حمد"),
        ("Rashid", "راشد"),
        ("Saeed", "سعيد"),
        ("Majid", "ماجد"),
        ("Fahad", "فهد"),
        ("Abdulaziz", "عبد العزيز"),
        ("Muhammad", "محمد"),
        ("Salem", "سالم"),
    ],
    female: &[
        ("Noura", "نورة"),
        ("Maha", "مها"),
        ("Hessa", "حصة"),
        ("Latifa", "لطيفة"),
        ("Mariam", "مريم"),
        ("Aisha", "عائشة"),
        ("Shaikha", "شيخة"),
        ("Hind", "هند"),
        ("Amal", "أمل"),
        ("Fatma", "فاطمة"),
        ("Alanoud", "العنود"),
        ("Sara", "سارة"),
    ],
    family: &[
        ("Al-Harbi", "الحربي"),
        ("Al-Otaibi", "العتيبي"),
        ("Al-Qahtani", "القحطاني"),
        ("Al-Shamsi", "الشامسي"),
        ("Al-Mutairi", "المطيري"),
        ("Al-Zahrani", "الزهراني"),
        ("Al-Ghamdi", "الغامدي"),
        ("Al-Dosari", "الدوسري"),
        ("Al-Kuwari", "الكواري"),
        ("Al-Mansoori", "المنصوري"),
        ("Al-Balushi", "البلوشي"),
        ("Al-Hashimi", "الهاشمي"),
        ("Al-Ansari", "الأنصاري"),
        ("Al-Kaabi", "الكعبي"),
        ("Al-Shehhi", "الشحي"),
        ("Al-Hinai", "الهنائي"),
        ("Al-Awadhi", "العوضي"),
    ],
    slavic_feminine: false,
    languages: &[&["ar", "en"], &["ar", "en"], &["ar", "en", "fr"], &["ar"]],
};

static AFRICA_FR: NamePool = NamePool {
    male: latin![
        "Amadou",
        "Mamadou",
        "Ousmane",
        "Ibrahima",
        "Moussa",
        "Abdoulaye",
        "Seydou",
        "Oumar",
        "Cheikh",
        "Boubacar",
        "Souleymane",
        "Adama",
        "Issa",
        "Jean-Baptiste",
        "Koffi",
        "Yao",
    ],
    female: latin![
        "Fatou",
        "Aminata",
        "Awa",
        "Aïssatou",
        "Mariama",
        "Kadiatou",
        "Ramatoulaye",
        "Fatoumata",
        "Adjoa",
        "Hawa",
        "Rokia",
        "Nafissatou",
    ],
    family: latin![
        "Diallo",
        "Ndiaye",
        "Sow",
        "Traoré",
        "Diop",
        "Fall",
        "Koné",
        "Camara",
        "Ba",
        "Keïta",
        "Touré",
        "Barry",
        "Ouédraogo",
        "Sawadogo",
        "Coulibaly",
        "Cissé",
        "Diarra",
        "Sylla",
        "Konaté",
        "Issoufou",
        "Kaboré",
        "Mbaye",
        "Faye",
        "Kouassi",
    ],
    slavic_feminine: false,
    languages: &[&["fr"], &["fr", "ar"], &["fr", "en"], &["fr", "wo"]],
};

static AFRICA_EN: NamePool = NamePool {
    male: latin![
        "Chinedu",
        "Musa",
        "Abubakar",
        "Kofi",
        "Kwame",
        "Emeka",
        "Ibrahim",
        "Yusuf",
        "Olusegun",
        "Babatunde",
        "Lamin",
        "Ismail",
        "Daniel",
        "Samuel",
        "Tesfaye",
    ],
    female: latin![
        "Ngozi",
        "Halima",
        "Aisha",
        "Amina",
        "Zainab",
        "Funmilayo",
        "Adaeze",
        "Akosua",
        "Fatmata",
        "Isatou",
        "Grace",
        "Wanjiru",
        "Nasra",
        "Hadiza",
    ],
    family: latin![
        "Okafor", "Adeyemi", "Bello", "Abubakar", "Mensah", "Owusu", "Balogun", "Danjuma",
        "Jallow", "Ceesay", "Kamara", "Sesay", "Bangura", "Okonkwo", "Lawal", "Otieno", "Nakato",
        "Mugisha", "Tadesse", "Bekele",
    ],
    slavic_feminine: false,
    languages: &[
        &["en"],
        &["en", "fr"],
        &["en", "ar"],
        &["en", "ha"],
        &["en", "sw"],
    ],
};

static MALAY: NamePool = NamePool {
    male: latin![
        "Budi", "Ahmad", "Muhammad", "Agus", "Rizky", "Hafiz", "Faisal", "Arief", "Hidayat",
        "Azman", "Firdaus", "Iskandar",
    ],
    female: latin![
        "Siti", "Nurul", "Dewi", "Aisyah", "Rina", "Nur", "Farah", "Intan", "Putri", "Wulan", "Sri"
    ],
    family: latin![
        "Santoso", "Wijaya", "Hidayat", "Nugroho", "Saputra", "Fauzi", "Hamzah", "Ismail",
        "Abdullah", "Rahman", "Ibrahim", "Setiawan", "Kusuma", "Yusof", "Aziz",
    ],
    slavic_feminine: false,
    languages: &[
        &["id", "en"],
        &["ms", "en"],
        &["id", "en", "ar"],
        &["ms", "en", "ar"],
    ],
};

static SOUTH_ASIA: NamePool = NamePool {
    male: latin![
        "Muhammad", "Imran", "Farhan", "Asif", "Bilal", "Usman", "Rahim", "Tanvir", "Zubair",
        "Kamal", "Ahsan", "Shahid", "Naveed", "Hamid",
    ],
    female: latin![
        "Ayesha", "Fatima", "Sana", "Nusrat", "Saima", "Farzana", "Hina", "Rubina", "Mehreen",
        "Taslima", "Shabnam", "Zainab",
    ],
    family: latin![
        "Khan",
        "Ahmed",
        "Chaudhry",
        "Qureshi",
        "Hussain",
        "Malik",
        "Siddiqui",
        "Rahman",
        "Uddin",
        "Hossain",
        "Iqbal",
        "Sheikh",
        "Mirza",
        "Akhtar",
        "Chowdhury",
        "Karimi",
        "Rahimi",
    ],
    slavic_feminine: false,
    languages: &[&["en", "ur"], &["en", "bn"], &["en"], &["en", "ar"]],
};

static TURKIC: NamePool = NamePool {
    male: latin![
        "Mehmet", "Mustafa", "Ahmet", "Emre", "Burak", "Murat", "Kemal", "Rashid", "Elchin",
        "Orhan", "Serkan", "Yusuf",
    ],
    female: latin![
        "Ayşe", "Zeynep", "Elif", "Fatma", "Emine", "Leyla", "Aysel", "Gülnar", "Merve", "Esra",
        "Derya"
    ],
    family: latin![
        "Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Yıldız", "Öztürk", "Aydın", "Aliyev",
        "Mammadov", "Huseynov", "Hasanov", "Arslan", "Doğan", "Koç",
    ],
    slavic_feminine: false,
    languages: &[
        &["tr", "en"],
        &["tr", "en", "ar"],
        &["az", "ru", "en"],
        &["tr", "fr"],
    ],
};

static CENTRAL_ASIA: NamePool = NamePool {
    male: latin![
        "Nurlan",
        "Timur",
        "Rustam",
        "Bakhtiyor",
        "Azamat",
        "Daniyar",
        "Farrukh",
        "Sherzod",
        "Jamshid",
        "Alisher",
        "Bekzod",
    ],
    female: latin![
        "Aigerim",
        "Dilnoza",
        "Gulnara",
        "Madina",
        "Nilufar",
        "Zarina",
        "Aizhan",
        "Malika",
        "Shakhnoza",
        "Kamila",
    ],
    family: latin![
        "Karimov", "Abenov", "Nazarov", "Rakhimov", "Yusupov", "Usmonov", "Sadykov", "Ismoilov",
        "Zhakupov", "Tursunov", "Akhmedov", "Bekov", "Rahmonov",
    ],
    slavic_feminine: true,
    languages: &[
        &["ru", "en"],
        &["uz", "ru", "en"],
        &["kk", "ru", "en"],
        &["ru"],
    ],
};

static PERSIAN: NamePool = NamePool {
    male: latin![
        "Ali", "Reza", "Mohammad", "Hossein", "Mehdi", "Amir", "Hamid", "Saeed", "Farid", "Majid"
    ],
    female: latin![
        "Maryam", "Zahra", "Fatemeh", "Narges", "Leila", "Shirin", "Parisa", "Mahsa", "Niloufar",
        "Sara"
    ],
    family: latin![
        "Hosseini",
        "Ahmadi",
        "Mohammadi",
        "Rezaei",
        "Karimi",
        "Moradi",
        "Rahimi",
        "Jafari",
        "Sadeghi",
        "Tehrani",
        "Mousavi",
        "Kazemi",
    ],
    slavic_feminine: false,
    languages: &[&["fa", "en"], &["fa", "ar", "en"], &["fa", "fr"]],
};

static JAPAN: NamePool = NamePool {
    male: latin![
        "Hiroshi", "Kenji", "Takeshi", "Yuki", "Haruto", "Daisuke", "Satoshi"
    ],
    female: latin!["Yuko", "Aiko", "Haruka", "Yui", "Keiko", "Naoko", "Sakura"],
    family: latin![
        "Tanaka",
        "Sato",
        "Suzuki",
        "Takahashi",
        "Watanabe",
        "Ito",
        "Yamamoto",
        "Nakamura",
        "Kobayashi"
    ],
    slavic_feminine: false,
    languages: &[&["ja", "en"], &["ja", "en", "fr"], &["ja", "en", "ar"]],
};

static KOREA: NamePool = NamePool {
    male: latin!["Min-jun", "Ji-hoon", "Seung-woo", "Dong-hyun", "Jae-won"],
    female: latin!["Ji-woo", "Seo-yeon", "Min-ji", "Eun-ji", "Hye-jin"],
    family: latin!["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon"],
    slavic_feminine: false,
    languages: &[&["ko", "en"], &["ko", "en", "fr"]],
};

static CHINA: NamePool = NamePool {
    male: latin!["Wei", "Jun", "Hao", "Lei", "Ming", "Qiang"],
    female: latin!["Li", "Na", "Fang", "Jing", "Xiu", "Yan"],
    family: latin![
        "Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Zhao", "Huang"
    ],
    slavic_feminine: false,
    languages: &[&["zh", "en"], &["zh", "en", "ar"], &["zh", "fr"]],
};

static FRANCOPHONE: NamePool = NamePool {
    male: latin![
        "Jean",
        "Pierre",
        "François",
        "Nicolas",
        "Olivier",
        "Laurent",
        "Thomas",
        "Julien",
        "Antoine",
        "Étienne",
        "Michel",
    ],
    female: latin![
        "Marie", "Sophie", "Camille", "Isabelle", "Claire", "Nathalie", "Élise", "Hélène", "Anne",
        "Julie", "Céline",
    ],
    family: latin![
        "Martin",
        "Bernard",
        "Dubois",
        "Durand",
        "Lefèvre",
        "Moreau",
        "Girard",
        "Fournier",
        "Mercier",
        "Rousseau",
        "Dupont",
        "Lambert",
        "Fontaine",
        "Chevalier",
        "Peeters",
        "Janssens",
    ],
    slavic_feminine: false,
    languages: &[
        &["fr", "en"],
        &["fr"],
        &["fr", "en", "ar"],
        &["fr", "de", "en"],
    ],
};

static GERMANIC: NamePool = NamePool {
    male: latin![
        "Thomas", "Michael", "Andreas", "Stefan", "Lars", "Jan", "Erik", "Markus", "Pieter",
        "Klaus"
    ],
    female: latin![
        "Anna", "Katrin", "Julia", "Ingrid", "Sabine", "Eva", "Karin", "Sanne", "Astrid", "Lena"
    ],
    family: latin![
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Becker",
        "de Vries",
        "Jansen",
        "Andersson",
        "Johansson",
        "Hansen",
        "Larsen",
        "Bauer",
        "Hofmann",
        "Nilsson",
    ],
    slavic_feminine: false,
    languages: &[
        &["de", "en"],
        &["nl", "en", "fr"],
        &["sv", "en"],
        &["no", "en"],
        &["de", "en", "fr"],
    ],
};

static ANGLO: NamePool = NamePool {
    male: latin![
        "James", "John", "Robert", "Michael", "David", "William", "Richard", "Daniel", "Andrew",
        "Mark"
    ],
    female: latin![
        "Mary",
        "Sarah",
        "Emily",
        "Elizabeth",
        "Jennifer",
        "Laura",
        "Rachel",
        "Catherine",
        "Emma",
        "Helen"
    ],
    family: latin![
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thompson", "Walker",
        "Robinson", "Clarke", "Wright", "Hughes", "Green", "Campbell",
    ],
    slavic_feminine: false,
    languages: &[&["en"], &["en", "fr"], &["en", "ar"], &["en", "es"]],
};

static HISPANIC: NamePool = NamePool {
    male: latin![
        "José",
        "Juan",
        "Carlos",
        "Luis",
        "Javier",
        "Miguel",
        "Alejandro",
        "Diego",
        "Fernando",
        "Andrés"
    ],
    female: latin![
        "María",
        "Ana",
        "Lucía",
        "Carmen",
        "Isabel",
        "Sofía",
        "Valentina",
        "Gabriela",
        "Paula",
        "Elena"
    ],
    family: latin![
        "García",
        "Rodríguez",
        "Martínez",
        "López",
        "González",
        "Hernández",
        "Pérez",
        "Sánchez",
        "Ramírez",
        "Torres",
        "Flores",
        "Díaz",
        "Morales",
        "Fernández",
        "Castro",
        "Reyes",
    ],
    slavic_feminine: false,
    languages: &[&["es", "en"], &["es", "fr"], &["es", "en", "ar"], &["es"]],
};

static LUSOPHONE: NamePool = NamePool {
    male: latin![
        "João", "Pedro", "Lucas", "Rafael", "Tiago", "Gabriel", "Bruno", "Paulo", "Felipe",
        "Eduardo"
    ],
    female: latin![
        "Ana", "Beatriz", "Mariana", "Juliana", "Camila", "Fernanda", "Larissa", "Inês", "Joana",
        "Luísa"
    ],
    family: latin![
        "Silva",
        "Santos",
        "Oliveira",
        "Souza",
        "Pereira",
        "Costa",
        "Ferreira",
        "Almeida",
        "Carvalho",
        "Rodrigues",
        "Gomes",
        "Martins",
        "Nhantumbo",
        "Macuácua",
    ],
    slavic_feminine: false,
    languages: &[&["pt", "en"], &["pt", "fr"], &["pt", "es", "en"]],
};

static ITALIAN: NamePool = NamePool {
    male: latin![
        "Marco",
        "Luca",
        "Giuseppe",
        "Alessandro",
        "Andrea",
        "Francesco",
        "Matteo"
    ],
    female: latin![
        "Giulia",
        "Francesca",
        "Chiara",
        "Sara",
        "Elena",
        "Valentina"
    ],
    family: latin![
        "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Greco",
        "Conti"
    ],
    slavic_feminine: false,
    languages: &[&["it", "en"], &["it", "fr", "en"], &["it", "en", "ar"]],
};

static RUSSIAN: NamePool = NamePool {
    male: latin![
        "Alexander",
        "Sergey",
        "Dmitry",
        "Andrey",
        "Ivan",
        "Rinat",
        "Marat"
    ],
    female: latin![
        "Elena", "Olga", "Natalia", "Anna", "Irina", "Aigul", "Gulnaz"
    ],
    family: latin![
        "Ivanov",
        "Smirnov",
        "Kuznetsov",
        "Popov",
        "Volkov",
        "Sokolov",
        "Khabibullin",
        "Galiev"
    ],
    slavic_feminine: true,
    languages: &[&["ru", "en"], &["ru", "en", "ar"], &["ru", "fr"]],
};

static BALKAN: NamePool = NamePool {
    male: latin!["Arben", "Besnik", "Ilir", "Gent", "Artan", "Edmond"],
    female: latin!["Elira", "Anila", "Mirela", "Blerta", "Drita", "Teuta"],
    family: latin![
        "Hoxha", "Berisha", "Shehu", "Krasniqi", "Gashi", "Leka", "Dervishi"
    ],
    slavic_feminine: false,
    languages: &[&["sq", "en"], &["sq", "en", "it"], &["sq", "tr", "en"]],
};

/// Every pool, for people whose organization has no country.
pub(crate) const ALL_POOLS: &[Pool] = &[
    Pool::Maghreb,
    Pool::Mashriq,
    Pool::Gulf,
    Pool::AfricaFr,
    Pool::AfricaEn,
    Pool::Malay,
    Pool::SouthAsia,
    Pool::Turkic,
    Pool::CentralAsia,
    Pool::Persian,
    Pool::Japan,
    Pool::Francophone,
    Pool::Germanic,
    Pool::Anglo,
    Pool::Hispanic,
];

/// The names of a pool.
pub(crate) fn pool(pool: Pool) -> &'static NamePool {
    match pool {
        Pool::Maghreb => &MAGHREB,
        Pool::Mashriq => &MASHRIQ,
        Pool::Gulf => &GULF,
        Pool::AfricaFr => &AFRICA_FR,
        Pool::AfricaEn => &AFRICA_EN,
        Pool::Malay => &MALAY,
        Pool::SouthAsia => &SOUTH_ASIA,
        Pool::Turkic => &TURKIC,
        Pool::CentralAsia => &CENTRAL_ASIA,
        Pool::Persian => &PERSIAN,
        Pool::Japan => &JAPAN,
        Pool::Korea => &KOREA,
        Pool::China => &CHINA,
        Pool::Francophone => &FRANCOPHONE,
        Pool::Germanic => &GERMANIC,
        Pool::Anglo => &ANGLO,
        Pool::Hispanic => &HISPANIC,
        Pool::Lusophone => &LUSOPHONE,
        Pool::Italian => &ITALIAN,
        Pool::Russian => &RUSSIAN,
        Pool::Balkan => &BALKAN,
    }
}
