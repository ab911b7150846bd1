//! Bilingual series names: "사랑의 불시착" and "Crash Landing on You" are one series (the
//! second an alias the releases give); the listener chooses which the window shows.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameDisplay {
    /// "사랑의 불시착 · Crash Landing on You".
    #[default]
    Both,
    /// The name in its own script: "사랑의 불시착".
    Original,
    /// The name in Latin letters: "Crash Landing on You".
    Translated,
}

impl NameDisplay {
    pub const ALL: [NameDisplay; 3] = [NameDisplay::Both, NameDisplay::Original, NameDisplay::Translated];
}

impl std::fmt::Display for NameDisplay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NameDisplay::Both => "Both names (사랑의 불시착 · Crash Landing on You)",
            NameDisplay::Original => "Original name (사랑의 불시착)",
            NameDisplay::Translated => "Translated name (Crash Landing on You)",
        })
    }
}

/// What to show for a series called `name` (as grouped) with `aliases`; a series with
/// one script only is shown by its name whatever the choice.
pub fn shown(name: &str, aliases: &[String], choice: NameDisplay) -> String {
    let names = || std::iter::once(name).chain(aliases.iter().map(String::as_str));
    let original = names().find(|n| !in_latin_letters(n));
    let translated = names().find(|n| in_latin_letters(n));
    match (choice, original, translated) {
        (NameDisplay::Both, Some(o), Some(t)) => format!("{o} · {t}"),
        (NameDisplay::Original, Some(o), Some(_)) => o.to_owned(),
        (NameDisplay::Translated, Some(_), Some(t)) => t.to_owned(),
        _ => name.to_owned(),
    }
}

/// The names not shown under `choice`, for an "Also known as" line.
pub fn others(name: &str, aliases: &[String], choice: NameDisplay) -> Vec<String> {
    let on_show = shown(name, aliases, choice);
    std::iter::once(name)
        .chain(aliases.iter().map(String::as_str))
        .filter(|n| !on_show.split(" · ").any(|s| s == *n))
        .map(str::to_owned)
        .collect()
}

/// Every letter is Latin (accents and all): "Pokémon", not "ポケモン" or "Сказка".
fn in_latin_letters(name: &str) -> bool {
    name.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| (c as u32) < 0x0250 || (0x1E00..=0x1EFF).contains(&(c as u32)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aliases(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_bilingual_series_shows_as_chosen() {
        let a = aliases(&["Crash Landing on You"]);
        assert_eq!(
            shown("사랑의 불시착", &a, NameDisplay::Both),
            "사랑의 불시착 · Crash Landing on You"
        );
        assert_eq!(shown("사랑의 불시착", &a, NameDisplay::Original), "사랑의 불시착");
        assert_eq!(
            shown("사랑의 불시착", &a, NameDisplay::Translated),
            "Crash Landing on You"
        );
        assert!(others("사랑의 불시착", &a, NameDisplay::Both).is_empty());
        assert_eq!(others("사랑의 불시착", &a, NameDisplay::Translated), ["사랑의 불시착"]);
        // Grouped under the English name, the Japanese one an alias: the same choices.
        let j = aliases(&["進撃の巨人"]);
        assert_eq!(shown("Attack on Titan", &j, NameDisplay::Original), "進撃の巨人");
        assert_eq!(
            shown("Attack on Titan", &j, NameDisplay::Both),
            "進撃の巨人 · Attack on Titan"
        );
    }

    #[test]
    fn one_script_keeps_its_name() {
        for choice in NameDisplay::ALL {
            assert_eq!(shown("Pokémon", &[], choice), "Pokémon");
            assert_eq!(shown("도깨비", &[], choice), "도깨비");
            assert_eq!(shown("Goblin", &aliases(&["Guardian"]), choice), "Goblin");
        }
    }
}
