use super::*;

fn check(title: &str, name: &str, kind: AlbumKind, number: Option<u32>) -> Release {
    let r = parse(title).unwrap_or_else(|| panic!("no reading of {title:?}"));
    assert_eq!(
        (r.name.as_str(), r.kind, r.number),
        (name, kind, number),
        "{title:?} → {r:?}"
    );
    r
}

#[test]
fn every_pattern_compiles() {
    for re in [
        &TAIL_GROUP,
        &SOUNDTRACK_WORDS,
        &SCORE,
        &EDITION,
        &NETWORK,
        &SERIES_WORDS,
        &FILM_WORDS,
        &GAME_WORDS,
        &PART,
        &SPECIAL,
        &VOLUME,
        &RELEASE_WORDS,
        &MUSIC_FROM,
        &SEASON,
        &BARE_NUMBER,
        &MEDIUM_PREFIX,
        &FILM_TAIL,
        &SEQUEL,
        &SUBTITLE,
        &EXTRAS,
    ] {
        assert!(re.is_some());
    }
}

#[test]
fn korean_parts_as_stores_write_them() {
    use AlbumKind::*;
    check("도깨비 OST Part 1", "도깨비", Part, Some(1));
    check("눈물의 여왕 OST Part.3", "눈물의 여왕", Part, Some(3));
    check("Secret Garden OST Pt. 3", "Secret Garden", Part, Some(3));
    check("Goblin O.S.T. Part 2", "Goblin", Part, Some(2));
    check("Goblin - OST Part.4", "Goblin", Part, Some(4));
    check(
        "Guardian: The Lonely and Great God (Original Television Soundtrack), Pt. 1",
        "Guardian: The Lonely and Great God",
        Part,
        Some(1),
    );
    check(
        "Guardian: The Lonely and Great God (Original Television Soundtrack) Pt. 11",
        "Guardian: The Lonely and Great God",
        Part,
        Some(11),
    );
    check("Vincenzo OST Part.2 (tvN 토일드라마)", "Vincenzo", Part, Some(2));
    check(
        "이태원 클라쓰 OST Part.1 (JTBC 금토드라마)",
        "이태원 클라쓰",
        Part,
        Some(1),
    );
    check("Kingdom OST Part.1 (Netflix Series)", "Kingdom", Part, Some(1));
    let r = check(
        "사랑의 불시착 (Crash Landing on You) OST Part 1",
        "사랑의 불시착",
        Part,
        Some(1),
    );
    assert_eq!(r.aliases, ["Crash Landing on You"]);
    check("호텔 델루나 OST Special Track Vol.2", "호텔 델루나", Other, Some(2));
    check("도깨비 OST", "도깨비", FullOst, None);
    check("도깨비 O.S.T", "도깨비", FullOst, None);
    let r = check(
        "슬기로운 의사생활 시즌2 OST Part 3",
        "슬기로운 의사생활 Season 2",
        Part,
        Some(3),
    );
    assert_eq!(r.franchise.as_deref(), Some("슬기로운 의사생활"));
}

#[test]
fn japanese_and_chinese_decorations() {
    use AlbumKind::*;
    let r = check(
        "TVアニメ「葬送のフリーレン」オリジナルサウンドトラック",
        "葬送のフリーレン",
        FullOst,
        None,
    );
    assert_eq!(r.medium, Some(Medium::Tv));
    check(
        "TVアニメ『呪術廻戦』オリジナル・サウンドトラック",
        "呪術廻戦",
        FullOst,
        None,
    );
    check(
        "「SPY×FAMILY」オリジナル・サウンドトラック",
        "SPY×FAMILY",
        FullOst,
        None,
    );
    let r = check(
        "劇場版「鬼滅の刃」無限列車編 オリジナルサウンドトラック",
        "鬼滅の刃 無限列車編",
        FullOst,
        None,
    );
    assert_eq!(r.franchise.as_deref(), Some("鬼滅の刃"));
    let r = check(
        "劇場版「呪術廻戦 0」オリジナル・サウンドトラック",
        "劇場版 呪術廻戦 0",
        FullOst,
        None,
    );
    assert_eq!(r.medium, Some(Medium::Film));
    check(
        "NHK連続テレビ小説「あまちゃん」オリジナル・サウンドトラック",
        "あまちゃん",
        FullOst,
        None,
    );
    check(
        "進撃の巨人 オリジナル・サウンドトラック Vol.2",
        "進撃の巨人",
        FullOst,
        Some(2),
    );
    check("鋼の錬金術師 サウンドトラック", "鋼の錬金術師", FullOst, None);
    check("千と千尋の神隠し サウンドトラック", "千と千尋の神隠し", FullOst, None);
    let r = check(
        "TVアニメ「進撃の巨人」Season 2 オリジナルサウンドトラック",
        "進撃の巨人 Season 2",
        FullOst,
        None,
    );
    assert_eq!(r.season, Some(2));
    let r = check(
        "TVアニメ『ゆるキャン△ SEASON2』オリジナル・サウンドトラック",
        "ゆるキャン△ Season 2",
        FullOst,
        None,
    );
    assert_eq!(r.franchise.as_deref(), Some("ゆるキャン△"));
    check("电视剧《琅琊榜》原声带", "琅琊榜", FullOst, None);
    check("《陈情令》影视原声带", "陈情令", FullOst, None);
    check("电视剧《甄嬛传》原声大碟", "甄嬛传", FullOst, None);
    check("《长相思》影视剧插曲", "长相思", Part, None);
    check("《山河令》OST", "山河令", FullOst, None);
    check("那些年 原聲帶", "那些年", FullOst, None);
}

#[test]
fn western_store_suffixes() {
    use AlbumKind::*;
    check("Dune (Original Motion Picture Soundtrack)", "Dune", FullOst, None);
    let r = check(
        "Dune: Part Two (Original Motion Picture Soundtrack)",
        "Dune: Part Two",
        FullOst,
        None,
    );
    assert_eq!(r.franchise.as_deref(), Some("Dune"));
    check(
        "Interstellar (Original Motion Picture Soundtrack) [Expanded Edition]",
        "Interstellar",
        FullOst,
        None,
    );
    check("Dune (Original Motion Picture Score)", "Dune", Score, None);
    check("The Social Network (Original Score)", "The Social Network", Score, None);
    let r = check(
        "Stranger Things 4 (Soundtrack from the Netflix Series)",
        "Stranger Things Season 4",
        FullOst,
        None,
    );
    assert_eq!(r.franchise.as_deref(), Some("Stranger Things"));
    let r = check(
        "Game of Thrones: Season 8 (Music from the HBO Series)",
        "Game of Thrones Season 8",
        FullOst,
        None,
    );
    assert_eq!(r.season, Some(8));
    check(
        "Arcane League of Legends (Soundtrack from the Animated Series)",
        "Arcane League of Legends",
        FullOst,
        None,
    );
    check("Wednesday (Original Series Soundtrack)", "Wednesday", FullOst, None);
    check("Hades (Original Soundtrack)", "Hades", FullOst, None);
    let r = check("Hades II (Original Soundtrack)", "Hades II", FullOst, None);
    assert_eq!(r.franchise.as_deref(), Some("Hades"));
    check("Celeste Original Soundtrack", "Celeste", FullOst, None);
    let r = check(
        "Celeste: Farewell (Original Soundtrack)",
        "Celeste: Farewell",
        FullOst,
        None,
    );
    assert_eq!(r.parent.as_deref(), Some("Celeste"));
    let r = check("Celeste B-Sides", "Celeste B-Sides", Other, None);
    assert_eq!(r.parent.as_deref(), Some("Celeste"));
    assert!(!r.recognised);
    check("The Battle for Wesnoth OST", "The Battle for Wesnoth", FullOst, None);
    check("Kill Bill Vol. 1 (Original Soundtrack)", "Kill Bill", FullOst, Some(1));
    check(
        "Octopath Traveler Original Soundtrack 2",
        "Octopath Traveler",
        FullOst,
        Some(2),
    );
    check("Music from Baldur's Gate 3", "Baldur's Gate 3", FullOst, None);
    check("Persona 5 Original Soundtrack", "Persona 5", FullOst, None);
    check("Gladiator (Music from the Motion Picture)", "Gladiator", FullOst, None);
}

#[test]
fn plain_albums_are_not_releases_of_a_show() {
    for title in ["Abbey Road", "Hosting", "Symphonic Suite", "Ghost", "Underscore"] {
        let r = parse(title).expect("a reading");
        assert!(!r.recognised, "{title:?} → {r:?}");
        assert_eq!(r.name, title);
        assert_eq!(r.kind, AlbumKind::Other);
    }
    assert_eq!(parse("   "), None);
}

#[test]
fn keys_fold_articles_width_and_punctuation() {
    assert_eq!(series_key("The Battle for Wesnoth"), series_key("Battle for Wesnoth"));
    assert_eq!(series_key("ＳＥＣＲＥＴ  Garden"), series_key("secret garden"));
    assert_eq!(series_key("Spy x Family"), series_key("SPY x FAMILY"));
    assert_ne!(series_key("The"), "");
    assert_ne!(series_key("Hades"), series_key("Hades II"));
}
