//! One readable line from an error and its sources. Libraries often put the useful
//! part in the source chain (lofty's Display says only "failed to parse Flac file";
//! cpal's the backend's reason), so messages at the edges print the whole chain.

pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        // Many errors repeat their source in their own message.
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}
