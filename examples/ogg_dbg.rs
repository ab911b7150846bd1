use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let f = std::fs::File::open(&p).unwrap();
    let mss = MediaSourceStream::new(Box::new(f), Default::default());
    let mut probed = symphonia::default::get_probe().format(&Default::default(), mss, &FormatOptions { enable_gapless: true, ..Default::default() }, &Default::default()).unwrap();
    let t = &probed.format.tracks()[0];
    println!("params n_frames {:?} delay {:?} padding {:?} start_ts {}", t.codec_params.n_frames, t.codec_params.delay, t.codec_params.padding, t.codec_params.start_ts);
    let mut n = 0;
    while let Ok(pk) = probed.format.next_packet() {
        if n < 3 || n > 30 { println!("ts {} dur {} trim {} {}", pk.ts(), pk.dur(), pk.trim_start(), pk.trim_end()); }
        n += 1;
    }
    println!("{n} packets");
}
