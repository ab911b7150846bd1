//! Search by romanisation on real titles: K-drama titles found by their Revised
//! Romanisation (as fans and streaming sites spell them), Japanese anime, film, game and
//! song titles written in kana found by their usual Hepburn spellings, long vowels
//! written out or not, with or without spaces. Kanji have no reading here: a title's
//! kana part is found, its kanji part only as written.

use std::path::PathBuf;

use leitmotif::library::model::Library;
use leitmotif::library::search::SearchIndex;
use leitmotif::store::{StoredTrack, TrackFields};

const KOREAN: &[(&str, &str)] = &[
    ("사랑의 불시착", "sarangui bulsichak"),
    ("도깨비", "dokkaebi"),
    ("태양의 후예", "taeyangui huye"),
    ("별에서 온 그대", "byeoreseo on geudae"),
    ("응답하라 1988", "eungdaphara 1988"),
    ("이태원 클라쓰", "itaewon keullasseu"),
    ("슬기로운 의사생활", "seulgiroun uisasaenghwal"),
    ("호텔 델루나", "hotel delluna"),
    ("괴물", "goemul"),
    ("나의 아저씨", "naui ajeossi"),
    ("미스터 션샤인", "miseuteo syeonsyain"),
    ("시그널", "sigeuneol"),
    ("비밀의 숲", "bimirui sup"),
    ("동백꽃 필 무렵", "dongbaekkkot pil muryeop"),
    ("사이코지만 괜찮아", "saikojiman gwaenchana"),
    ("빈센조", "binsenjo"),
    ("스물다섯 스물하나", "seumuldaseot seumulhana"),
    ("이상한 변호사 우영우", "isanghan byeonhosa uyeongu"),
    ("더 글로리", "deo geullori"),
    ("눈물의 여왕", "nunmurui yeowang"),
    ("선재 업고 튀어", "seonjae eopgo twieo"),
    ("킹덤", "kingdeom"),
    ("오징어 게임", "ojingeo geim"),
    ("스카이 캐슬", "seukai kaeseul"),
    ("청춘기록", "cheongchungirok"),
    ("갯마을 차차차", "gaenmaeul chachacha"),
    ("그 해 우리는", "geu hae urineun"),
    ("사내맞선", "sanaematseon"),
    ("환혼", "hwanhon"),
    ("구르미 그린 달빛", "gureumi geurin dalbit"),
    ("달의 연인", "darui yeonin"),
    ("역도요정 김복주", "yeokdoyojeong gimbokju"),
    ("힘쎈여자 도봉순", "himssenyeoja dobongsun"),
    ("김비서가 왜 그럴까", "gimbiseoga wae geureolkka"),
    ("내 아이디는 강남미인", "nae aidineun gangnammiin"),
    ("멜로가 체질", "melloga chejil"),
    ("또 오해영", "tto ohaeyeong"),
    ("치즈인더트랩", "chijeuindeoteuraep"),
    ("닥터 차정숙", "dakteo chajeongsuk"),
    ("무빙", "mubing"),
    ("나의 해방일지", "naui haebangilji"),
    ("경이로운 소문", "gyeongiroun somun"),
    ("지금 우리 학교는", "jigeum uri hakgyoneun"),
    ("철인왕후", "cheorinwanghu"),
    ("런 온", "reon on"),
    ("펜트하우스", "penteuhauseu"),
    ("부부의 세계", "bubuui segye"),
    ("더 킹 영원의 군주", "deo king yeongwonui gunju"),
    ("하백의 신부", "habaegui sinbu"),
    ("밤에 피는 꽃", "bame pineun kkot"),
    ("옷소매 붉은 끝동", "otsomae bulgeun kkeutdong"),
    ("연모", "yeonmo"),
    // The informal and the no-space spellings.
    ("사랑의 불시착", "sarangeui"),
    ("사랑의 불시착", "sarangui-bulsichak"),
    ("이태원 클라쓰", "itaewonkeullasseu"),
    ("별에서 온 그대", "byeoleseo"),
];

const JAPANESE: &[(&str, &str)] = &[
    ("となりのトトロ", "tonari no totoro"),
    ("もののけ姫", "mononoke"),
    ("ハウルの動く城", "hauru"),
    ("ちはやふる", "chihayafuru"),
    ("けいおん!", "keion"),
    ("ひぐらしのなく頃に", "higurashi no naku"),
    ("うたわれるもの", "utawarerumono"),
    ("クラナド", "kuranado"),
    ("リトルバスターズ!", "ritorubasutazu"),
    ("シュタインズ・ゲート", "shutainzu geto"),
    ("ソードアート・オンライン", "sodo ato onrain"),
    ("コードギアス", "kodo giasu"),
    ("エヴァンゲリオン", "evangerion"),
    ("ジョジョの奇妙な冒険", "jojo"),
    ("ハイキュー!!", "haikyu"),
    ("ヴァイオレット・エヴァーガーデン", "vaioretto evagaden"),
    ("ゆるキャン△", "yurukyan"),
    ("ぼっち・ざ・ろっく!", "bocchi za rokku"),
    ("ドラゴンボール", "doragonboru"),
    ("ワンピース", "wanpisu"),
    ("ナルト", "naruto"),
    ("ポケットモンスター", "poketto monsuta"),
    ("ゼルダの伝説", "zeruda no"),
    ("アイドル", "aidoru"),
    ("ドライフラワー", "doraifurawa"),
    ("マリーゴールド", "marigorudo"),
    ("カタオモイ", "kataomoi"),
    ("ハルジオン", "harujion"),
    ("キセキ", "kiseki"),
    ("ひまわりの約束", "himawari no"),
    ("ありがとう", "arigato"),
    ("さくらんぼ", "sakuranbo"),
    ("ヒロイン", "hiroin"),
    ("ピースサイン", "pisu sain"),
    ("シルエット", "shiruetto"),
    ("ブルーバード", "burubado"),
    ("カブトムシ", "kabutomushi"),
    ("ライオン", "raion"),
    ("コネクト", "konekuto"),
    ("うっせぇわ", "ussewa"),
    ("まちがいさがし", "machigaisagashi"),
    ("メルト", "meruto"),
    ("ワールドイズマイン", "warudoizumain"),
    ("ハッピーシンセサイザ", "happishinsesaiza"),
    ("ツバメ", "tsubame"),
    ("アスノヨゾラ哨戒班", "asunoyozora"),
    ("サウダージ", "saudaji"),
    ("シャルル", "sharuru"),
    ("ヴィラン", "viran"),
    ("チェリー", "cheri"),
    ("ポップスター", "poppusuta"),
    ("ミックスナッツ", "mikkusunattsu"),
    ("フォニイ", "foni"),
    ("ウタカタララバイ", "utakatararabai"),
    // Long vowels written out, as Hepburn without macrons has them.
    ("ありがとう", "arigatou"),
    ("ハイキュー!!", "haikyuu"),
    ("ドライフラワー", "doraifurawaa"),
    ("シュタインズ・ゲート", "shutainzu geeto"),
    ("ぼっち・ざ・ろっく!", "botchi"),
];

fn library(titles: &[&str]) -> Library {
    let stored = titles
        .iter()
        .enumerate()
        .map(|(i, title)| StoredTrack {
            id: i as i64 + 1,
            added_at: None,
            path: format!("/music/Album {i}/01 {i}.flac"),
            available: true,
            fields: TrackFields {
                title: Some((*title).into()),
                album: Some(format!("Album {i}").into()),
                album_artist: Some("Various".into()),
                track: Some(1),
                format: "FLAC".into(),
                ..TrackFields::default()
            },
        })
        .collect();
    Library::build(stored, &[PathBuf::from("/music")], &Default::default())
}

/// Every title found by its spelling; the titles each query finds besides are listed.
fn found_by_spelling(list: &[(&str, &str)]) {
    let titles: Vec<&str> = list.iter().map(|(t, _)| *t).collect();
    let lib = library(&titles);
    let index = SearchIndex::new(&lib);
    let mut missed = Vec::new();
    for (title, typed) in list {
        let found: Vec<String> = index.matches(typed).iter().map(|&t| lib.tracks[t].title()).collect();
        if !found.iter().any(|f| f == title) {
            missed.push(format!("{typed:?} did not find {title} (found {found:?})"));
        }
    }
    assert!(
        missed.is_empty(),
        "{} of {} missed:\n{}",
        missed.len(),
        list.len(),
        missed.join("\n")
    );
}

#[test]
fn korean_titles_are_found_by_their_romanisation() {
    assert!(KOREAN.len() >= 50);
    found_by_spelling(KOREAN);
}

#[test]
fn japanese_kana_titles_are_found_by_their_romaji() {
    assert!(JAPANESE.len() >= 50);
    found_by_spelling(JAPANESE);
}

/// A romanised word does not find what it does not spell.
#[test]
fn romanisation_does_not_find_what_it_does_not_spell() {
    let lib = library(&["도깨비", "となりのトトロ", "Secret Garden"]);
    let index = SearchIndex::new(&lib);
    assert!(index.matches("dokkaebii").is_empty());
    assert!(index.matches("totorox").is_empty());
    assert_eq!(index.matches("totoro").len(), 1);
    assert_eq!(index.matches("garden").len(), 1);
}
